package io.athanor.orm.enhance;

import io.athanor.orm.annotations.Entity;
import io.athanor.orm.annotations.Id;
import io.athanor.orm.annotations.Transient;

import java.time.LocalDate;
import java.util.function.Supplier;

/**
 * Test entity enhanced at build time by byte-buddy-maven-plugin (goal transform-test). Its field
 * order is part of the tests: mapped fields are id, count, price, active, name, color, born.
 */
@Entity
public class TrackedThing {
    /** Static: never mapped. */
    private static int instances;

    @Id
    private Long id;
    /** Package-private on purpose: {@link OutsideWriter} writes it from another class. */
    int count;
    private double price;
    /** Java-transient: never mapped. */
    private transient String scratch;
    private boolean active;
    private String name;
    /** Excluded by annotation. */
    @Transient
    private String note;
    private Color color;
    /** Seventh property: its number needs BIPUSH rather than ICONST_n in the accessor. */
    private LocalDate born;

    /** Colors, to have an enum-typed property. */
    public enum Color { RED, GREEN }

    protected TrackedThing() {
    }

    /** Assigns fields in a constructor, so constructor code is rewritten too. */
    public TrackedThing(String name, int count) {
        this.name = name;
        this.count = count;
        this.active = true;
        instances++;
    }

    /** Copy constructor: reads another instance's mapped fields. */
    public TrackedThing(TrackedThing template) {
        this(template.name, template.count);
        this.price = template.price;
    }

    /** A mapped field changed by a plain method, not a setter. */
    public void increment() {
        count++;
    }

    /** Writes a mapped field of another instance. */
    public void copyNameTo(TrackedThing other) {
        other.name = this.name;
    }

    /** A lambda body is a method of this class, so its field read is rewritten as well. */
    public Supplier<String> nameLater() {
        return () -> name;
    }

    public Long getId() { return id; }
    public void setId(Long id) { this.id = id; }
    public int getCount() { return count; }
    public void setCount(int count) { this.count = count; }
    public double getPrice() { return price; }
    public void setPrice(double price) { this.price = price; }
    public String getScratch() { return scratch; }
    public void setScratch(String scratch) { this.scratch = scratch; }
    public boolean isActive() { return active; }
    public void setActive(boolean active) { this.active = active; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getNote() { return note; }
    public void setNote(String note) { this.note = note; }
    public Color getColor() { return color; }
    public void setColor(Color color) { this.color = color; }
    public LocalDate getBorn() { return born; }
    public void setBorn(LocalDate born) { this.born = born; }
    public static int getInstances() { return instances; }
    public static void setInstances(int instances) { TrackedThing.instances = instances; }
}
