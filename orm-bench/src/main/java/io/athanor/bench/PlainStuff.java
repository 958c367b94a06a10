package io.athanor.bench;

/** The same row as a plain Java object (same field types as {@link Stuff}): what the JDBC floor builds. */
public final class PlainStuff {
    public Long id;
    public int foo;
    public String name;
    public int version;

    public PlainStuff(Long id, int foo, String name, int version) {
        this.id = id;
        this.foo = foo;
        this.name = name;
        this.version = version;
    }
}
