package io.athanor.test.kit.entities;

import io.athanor.orm.annotations.Entity;
import java.time.Instant;

/** An entity whose id, version and audit columns come from its superclass {@link KitAudited}. */
@Entity(table = "kit_note")
public class KitNote extends KitAudited {
    private String text;

    protected KitNote() {
    }

    public KitNote(String text) {
        this.text = text;
    }

    public String getText() {
        return text;
    }

    /** Writes an inherited field from the entity's own code. */
    public void stamp(Instant at) {
        this.createdAt = at;
    }
}
