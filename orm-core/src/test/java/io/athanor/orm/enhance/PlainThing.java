package io.athanor.orm.enhance;

/** Not an entity: the enhancer must leave it alone. */
public class PlainThing {
    private int count;

    public int getCount() { return count; }
    public void setCount(int count) { this.count = count; }
}
