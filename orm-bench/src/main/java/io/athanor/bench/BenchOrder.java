package io.athanor.bench;

import io.athanor.orm.annotations.Entity;
import io.athanor.orm.annotations.Id;
import io.athanor.orm.annotations.ManyToOne;

/** W7/W8's child: an order referencing its customer ({@code customer_id}, a foreign key). */
@Entity(table = "orders")
public class BenchOrder {
    @Id
    private Long id;
    private String item;
    private int quantity;
    @ManyToOne
    private BenchCustomer customer;

    protected BenchOrder() {
    }

    public BenchOrder(String item, int quantity) {
        this.item = item;
        this.quantity = quantity;
    }

    public Long getId() {
        return id;
    }

    public int getQuantity() {
        return quantity;
    }

    public BenchCustomer getCustomer() {
        return customer;
    }

    public void setCustomer(BenchCustomer customer) {
        this.customer = customer;
    }
}
