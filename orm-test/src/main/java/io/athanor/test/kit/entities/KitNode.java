package io.athanor.test.kit.entities;

import io.athanor.orm.annotations.Column;
import io.athanor.orm.annotations.Entity;
import io.athanor.orm.annotations.Id;
import io.athanor.orm.annotations.ManyToOne;
import io.athanor.orm.annotations.OneToMany;
import java.util.ArrayList;
import java.util.List;

/** A tree node: its children go with it (orphan removal). */
@Entity(table = "kit_node")
public class KitNode {
    @Id
    private Long id;
    @Column(unique = true, nullable = false)
    private String name;
    @ManyToOne
    private KitNode parent;
    @OneToMany(mappedBy = "parent", orphanRemoval = true)
    private List<KitNode> children = new ArrayList<>();

    protected KitNode() {
    }

    public KitNode(String name) {
        this.name = name;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public KitNode getParent() {
        return parent;
    }

    public void setParent(KitNode parent) {
        this.parent = parent;
    }

    public List<KitNode> getChildren() {
        return children;
    }

    @Override
    public String toString() {
        return "KitNode(" + name + ")";
    }
}
