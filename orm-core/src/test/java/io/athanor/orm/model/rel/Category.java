package io.athanor.orm.model.rel;

import io.athanor.orm.annotations.Entity;
import io.athanor.orm.annotations.Id;
import io.athanor.orm.annotations.ManyToOne;
import io.athanor.orm.annotations.OneToMany;
import java.util.ArrayList;
import java.util.List;

/** A tree: children are removed with their parent (orphan removal). */
@Entity
public class Category {
    @Id
    private Long id;
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

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public Category getParent() {
        return parent;
    }

    public void setParent(Category parent) {
        this.parent = parent;
    }

    public List<Category> getChildren() {
        return children;
    }

    /** Adds a child and returns it. */
    public Category child(String childName) {
        Category c = new Category(childName);
        children.add(c);
        c.parent = this;
        return c;
    }

    @Override
    public String toString() {
        return "Category#" + id + "(" + name + ")";
    }
}
