package io.athanor.samples.schema.v2;

import io.athanor.orm.annotations.Entity;
import io.athanor.orm.annotations.Id;

/**
 * Version 2 of the same table: a NOT NULL {@code priority} (a primitive, so the migration script
 * adds it with {@code DEFAULT 0}, which the rows of version 1 take) and a nullable {@code tag}.
 */
@Entity(table = "note")
public class Note {
    @Id
    private Long id;
    private String text;
    private int priority;
    private String tag;

    protected Note() {
    }

    public Note(String text, int priority, String tag) {
        this.text = text;
        this.priority = priority;
        this.tag = tag;
    }

    public Long getId() {
        return id;
    }

    public String getText() {
        return text;
    }

    public int getPriority() {
        return priority;
    }

    public String getTag() {
        return tag;
    }
}
