package io.athanor.samples.graph;

import io.athanor.orm.annotations.Column;
import io.athanor.orm.annotations.Entity;
import io.athanor.orm.annotations.Id;
import io.athanor.orm.annotations.OneToMany;
import java.util.ArrayList;
import java.util.List;

/** A customer and the orders that reference it. */
@Entity(table = "graph_customer")
public class Customer {
    @Id
    private Long id;
    @Column(nullable = false)
    private String name;
    @OneToMany(mappedBy = "customer")
    private List<CustomerOrder> orders = new ArrayList<>();

    protected Customer() {
    }

    public Customer(String name) {
        this.name = name;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public List<CustomerOrder> getOrders() {
        return orders;
    }

    /** A new order of this customer (both sides set by the session once it is managed). */
    public CustomerOrder order(String item, int quantity) {
        CustomerOrder o = new CustomerOrder(item, quantity);
        orders.add(o);
        return o;
    }

    @Override
    public String toString() {
        return name;
    }
}
