package io.athanor.samples.schema.v1;

import io.athanor.orm.annotations.Entity;
import io.athanor.orm.annotations.Id;

/** Version 1 of the note an application ships: {@code note(id, text)}. */
@Entity(table = "note")
public class Note {
    @Id
    private Long id;
    private String text;

    protected Note() {
    }

    public Note(String text) {
        this.text = text;
    }

    public Long getId() {
        return id;
    }

    public String getText() {
        return text;
    }
}
