package io.athanor.samples.graph;

import io.athanor.orm.annotations.Column;
import io.athanor.orm.annotations.Entity;
import io.athanor.orm.annotations.Id;
import io.athanor.orm.annotations.ManyToOne;
import io.athanor.orm.annotations.OneToMany;
import java.util.ArrayList;
import java.util.List;

/** A category tree: a child references its parent, and goes with it (orphan removal). */
@Entity(table = "graph_category")
public class Category {
    @Id
    private Long id;
    @Column(nullable = false)
    private String name;
    @ManyToOne
    private Category parent;
    @OneToMany(mappedBy = "parent", orphanRemoval = true)
    private List<Category> children = new ArrayList<>();

    protected Category() {
    }

    public Category(String name) {
        this.name = name;
    }

    public String getName() {
        return name;
    }

    public Category getParent() {
        return parent;
    }

    public List<Category> getChildren() {
        return children;
    }

    /** Adds a child category and returns it. */
    public Category child(String childName) {
        Category c = new Category(childName);
        children.add(c);
        c.parent = this;
        return c;
    }

    @Override
    public String toString() {
        return name;
    }
}
