package io.athanor.test.kit.entities;

import io.athanor.orm.annotations.Column;
import io.athanor.orm.annotations.Entity;
import io.athanor.orm.annotations.Id;
import io.athanor.orm.annotations.ManyToOne;

/** A child with a nullable reference to its customer. */
@Entity(table = "kit_order")
public class KitOrder {
    @Id
    private Long id;
    @Column(unique = true, nullable = false)
    private String item;
    private int quantity;
    @ManyToOne
    private KitCustomer customer;

    protected KitOrder() {
    }

    public KitOrder(String item, int quantity) {
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

    public KitCustomer getCustomer() {
        return customer;
    }

    public void setCustomer(KitCustomer customer) {
        this.customer = customer;
    }

    @Override
    public String toString() {
        return "KitOrder(" + item + ")";
    }
}
