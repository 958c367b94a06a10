package io.athanor.orm.model.rel;

import io.athanor.orm.annotations.Entity;
import io.athanor.orm.annotations.Id;

/** An entity whose reference is inherited from {@link Owned}. */
@Entity
public class Voucher extends Owned {
    @Id
    private Long id;
    private int cents;

    protected Voucher() {
    }

    public Voucher(int cents) {
        this.cents = cents;
    }

    public Long getId() {
        return id;
    }

    public int getCents() {
        return cents;
    }
}
