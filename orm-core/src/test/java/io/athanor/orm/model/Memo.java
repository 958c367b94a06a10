package io.athanor.orm.model;

import io.athanor.orm.annotations.Entity;
import io.athanor.orm.model.base.Audited;
import java.time.Instant;

/** An entity whose id, version and audit fields come from its superclass {@link Audited}. */
@Entity
public class Memo extends Audited {
    private String text;

    protected Memo() {
    }

    public Memo(String text) {
        this.text = text;
    }

    public String getText() {
        return text;
    }

    public void setText(String text) {
        this.text = text;
    }

    /** Writes an inherited field from the entity's own code. */
    public void stamp(Instant at) {
        this.createdAt = at;
    }
}
