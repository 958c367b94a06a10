package io.athanor.samples;

import io.athanor.orm.annotations.Entity;
import io.athanor.orm.annotations.Id;
import io.athanor.orm.annotations.ManyToOne;
import io.athanor.orm.annotations.Version;

/** The article's table {@code stuff(id, foo, name, version)}, and the shelf each row is kept on ({@code shelf_id}). */
@Entity(table = "stuff")
public class Stuff {
    @Id
    private Long id;
    private int foo;
    private String name;
    @Version
    private int version;
    @ManyToOne
    private Shelf shelf;

    protected Stuff() {
    }

    public Stuff(int foo, String name) {
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

    public int getVersion() {
        return version;
    }

    public Shelf getShelf() {
        return shelf;
    }
}
