package io.athanor.orm.model;

import io.athanor.orm.annotations.Entity;
import io.athanor.orm.model.base.Audited;

/** A second entity sharing the superclass {@link Audited} with {@link Memo}. */
@Entity
public class Label extends Audited {
    private String name;

    protected Label() {
    }

    public Label(String name) {
        this.name = name;
    }

    public String getName() {
        return name;
    }
}
