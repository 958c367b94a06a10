package io.athanor.orm.model;

import io.athanor.orm.annotations.Entity;
import io.athanor.orm.annotations.Id;
import java.util.concurrent.atomic.AtomicLong;

/** The article's table: an id, a counter and a name. */
@Entity(table = "stuff")
public class Stuff {
    /** Instances created so far, to prove streaming does not load ahead. */
    public static final AtomicLong CONSTRUCTED = new AtomicLong();

    @Id
    private Long id;
    private int foo;
    private String name;

    protected Stuff() {
        CONSTRUCTED.incrementAndGet();
    }

    public Stuff(int foo, String name) {
        this();
        this.foo = foo;
        this.name = name;
    }

    public Long getId() {
        return id;
    }

    public void setId(Long id) {
        this.id = id;
    }

    public int getFoo() {
        return foo;
    }

    public void setFoo(int foo) {
        this.foo = foo;
    }

    public void increment() {
        foo++;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    @Override
    public String toString() {
        return "Stuff#" + id + "(foo=" + foo + ", name=" + name + ")";
    }
}
