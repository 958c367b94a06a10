package io.athanor.samples;

import io.athanor.orm.annotations.Column;
import io.athanor.orm.annotations.Entity;
import io.athanor.orm.annotations.Id;

/** Where stuff is kept: the other side of {@code stuff.shelf_id}, for the method that updates across a relationship. */
@Entity(table = "shelf")
public class Shelf {
    @Id
    private Long id;
    @Column(nullable = false)
    private String name;
    private int floor;

    protected Shelf() {
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public int getFloor() {
        return floor;
    }
}
