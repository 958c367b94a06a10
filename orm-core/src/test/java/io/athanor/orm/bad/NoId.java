package io.athanor.orm.bad;

/** Not annotated: used to test the error for a class that is not an entity. */
public class NoId {
    public String name;
}
