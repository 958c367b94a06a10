package io.athanor.test.kit.entities;

import io.athanor.orm.annotations.Id;
import io.athanor.orm.annotations.Version;
import java.time.Instant;

/**
 * A plain (non-entity) superclass: its fields, the id and version included, are the first columns
 * of every entity extending it ({@link KitNote}), and its own methods' changes are tracked.
 */
public abstract class KitAudited {
    @Id
    private Long id;
    /** Protected: {@link KitNote}'s own code writes it. */
    protected Instant createdAt;
    private String createdBy;
    @Version
    private Integer version;

    public Long getId() {
        return id;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public String getCreatedBy() {
        return createdBy;
    }

    public void setCreatedBy(String createdBy) {
        this.createdBy = createdBy;
    }

    public Integer getVersion() {
        return version;
    }
}
