package io.athanor.orm.model.rel;

import io.athanor.orm.annotations.Column;
import io.athanor.orm.annotations.Entity;
import io.athanor.orm.annotations.Id;
import io.athanor.orm.annotations.ManyToOne;

@Entity
public class House {
    @Id
    private Long id;
    private String street;
    @ManyToOne
    @Column(nullable = false)
    private Person owner;

    protected House() {
    }

    public House(String street, Person owner) {
        this.street = street;
        this.owner = owner;
    }

    public Long getId() {
        return id;
    }

    public Person getOwner() {
        return owner;
    }
}
