package io.athanor.orm.model.rel;

import io.athanor.orm.annotations.Entity;
import io.athanor.orm.annotations.Id;
import io.athanor.orm.annotations.ManyToOne;
import io.athanor.orm.annotations.Version;

/** One side of a cycle of references: a person's home is nullable, a house's owner is not. */
@Entity
public class Person {
    @Id
    private Long id;
    private String name;
    @Version
    private Integer version;
    @ManyToOne
    private House home;

    protected Person() {
    }

    public Person(String name) {
        this.name = name;
    }

    public Long getId() {
        return id;
    }

    public Integer getVersion() {
        return version;
    }

    public House getHome() {
        return home;
    }

    public void setHome(House home) {
        this.home = home;
    }
}
