package io.athanor.orm.model.rel;

import io.athanor.orm.annotations.ManyToOne;

/** A plain superclass declaring a relationship: its accessors are enhanced in the superclass. */
public abstract class Owned {
    @ManyToOne
    private Customer owner;

    public Customer getOwner() {
        return owner;
    }

    public void setOwner(Customer owner) {
        this.owner = owner;
    }
}
