package io.athanor.test.kit.entities;

import io.athanor.orm.annotations.Column;
import io.athanor.orm.annotations.Entity;
import io.athanor.orm.annotations.Id;
import io.athanor.orm.annotations.OneToMany;
import java.util.ArrayList;
import java.util.List;

/** A parent: its orders reference it; deleting it clears their reference. */
@Entity(table = "kit_customer")
public class KitCustomer {
    @Id
    private Long id;
    @Column(unique = true, nullable = false)
    private String name;
    @OneToMany(mappedBy = "customer")
    private List<KitOrder> orders = new ArrayList<>();

    protected KitCustomer() {
    }

    public KitCustomer(String name) {
        this.name = name;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public List<KitOrder> getOrders() {
        return orders;
    }

    @Override
    public String toString() {
        return "KitCustomer(" + name + ")";
    }
}
