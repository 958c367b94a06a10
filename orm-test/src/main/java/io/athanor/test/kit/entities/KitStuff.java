package io.athanor.test.kit.entities;

import io.athanor.orm.annotations.Entity;
import io.athanor.orm.annotations.Id;

/** The article's table with a nullable column: a generated key, a counter, a name and an optional rank. */
@Entity(table = "kit_stuff")
public class KitStuff {
    @Id
    private Long id;
    private int foo;
    private String name;
    private Integer rank;

    protected KitStuff() {
    }

    public KitStuff(int foo, String name) {
        this.foo = foo;
        this.name = name;
    }

    public Long getId() {
        return id;
    }

    public int getFoo() {
        return foo;
    }

    public void setFoo(int foo) {
        this.foo = foo;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public Integer getRank() {
        return rank;
    }

    public void setRank(Integer rank) {
        this.rank = rank;
    }

    @Override
    public String toString() {
        return "KitStuff#" + id + "(foo=" + foo + ", name=" + name + ", rank=" + rank + ")";
    }
}
