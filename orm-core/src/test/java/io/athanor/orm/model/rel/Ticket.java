package io.athanor.orm.model.rel;

import io.athanor.orm.annotations.Column;
import io.athanor.orm.annotations.Entity;
import io.athanor.orm.annotations.Id;
import io.athanor.orm.annotations.ManyToOne;
import io.athanor.orm.annotations.OnDelete;

/** A child whose reference is NOT NULL: it cannot be left without a customer. */
@Entity
public class Ticket {
    @Id
    private Long id;
    private String subject;
    @ManyToOne(onDelete = OnDelete.CASCADE)
    @Column(name = "owner_id", nullable = false)
    private Customer customer;

    protected Ticket() {
    }

    public Ticket(String subject) {
        this.subject = subject;
    }

    public Long getId() {
        return id;
    }

    public String getSubject() {
        return subject;
    }

    public Customer getCustomer() {
        return customer;
    }

    public void setCustomer(Customer customer) {
        this.customer = customer;
    }
}
