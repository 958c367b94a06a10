package io.athanor.orm.model.rel;

import io.athanor.orm.annotations.Entity;
import io.athanor.orm.annotations.Id;
import io.athanor.orm.annotations.ManyToOne;
import io.athanor.orm.annotations.OnDelete;

/** A reference the database clears when the customer goes ({@code ON DELETE SET NULL}); no collection side. */
@Entity
public class Review {
    @Id
    private Long id;
    private String text;
    @ManyToOne(onDelete = OnDelete.SET_NULL)
    private Customer customer;

    protected Review() {
    }

    public Review(String text, Customer customer) {
        this.text = text;
        this.customer = customer;
    }

    public Long getId() {
        return id;
    }

    public Customer getCustomer() {
        return customer;
    }

    public void setCustomer(Customer customer) {
        this.customer = customer;
    }
}
