package io.athanor.orm.model.rel;

import io.athanor.orm.annotations.Entity;
import io.athanor.orm.annotations.Id;
import io.athanor.orm.annotations.ManyToOne;

@Entity
public class PurchaseOrder {
    @Id
    private Long id;
    private String item;
    private int quantity;
    @ManyToOne
    private Customer customer;

    protected PurchaseOrder() {
    }

    public PurchaseOrder(String item, int quantity) {
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

    public void setQuantity(int quantity) {
        this.quantity = quantity;
    }

    public Customer getCustomer() {
        return customer;
    }

    public void setCustomer(Customer customer) {
        this.customer = customer;
    }

    @Override
    public String toString() {
        return "PurchaseOrder#" + id;
    }
}
