package io.athanor.samples.graph;

import io.athanor.orm.annotations.Entity;
import io.athanor.orm.annotations.Id;
import io.athanor.orm.annotations.ManyToOne;

/** An order: a reference to its customer, stored in {@code customer_id}. */
@Entity(table = "graph_order")
public class CustomerOrder {
    @Id
    private Long id;
    private String item;
    private int quantity;
    @ManyToOne
    private Customer customer;

    protected CustomerOrder() {
    }

    public CustomerOrder(String item, int quantity) {
        this.item = item;
        this.quantity = quantity;
    }

    public Long getId() {
        return id;
    }

    public String getItem() {
        return item;
    }

    public int getQuantity() {
        return quantity;
    }

    public Customer getCustomer() {
        return customer;
    }

    public void setCustomer(Customer customer) {
        this.customer = customer;
    }

    @Override
    public String toString() {
        return item;
    }
}
