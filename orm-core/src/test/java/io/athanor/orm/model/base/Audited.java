package io.athanor.orm.model.base;

import io.athanor.orm.annotations.Id;
import io.athanor.orm.annotations.Transient;
import io.athanor.orm.annotations.Version;
import java.time.Instant;

/**
 * A plain (non-entity) superclass shared by two entities, in another package than they are: its
 * fields, the id and version included, are mapped as each entity's first columns. Enhanced at
 * build time because entities of the same build extend it.
 */
public abstract class Audited {
    @Id
    private Long id;
    /** Protected: the entities' own code writes it (see {@code Memo.stamp}). */
    protected Instant createdAt;
    private String createdBy;
    @Version
    private Long version;
    @Transient
    private String scratch;

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

    public Long getVersion() {
        return version;
    }

    public void setScratch(String scratch) {
        this.scratch = scratch;
    }
}
