package io.athanor.test.kit.entities;

import io.athanor.orm.annotations.Column;
import io.athanor.orm.annotations.Entity;
import io.athanor.orm.annotations.Id;
import java.math.BigDecimal;

/** Decimals: a total of declared precision and scale, and an amount that declares neither. */
@Entity(table = "kit_invoice")
public class KitInvoice {
    @Id
    private Long id;
    @Column(precision = 10, scale = 2)
    private BigDecimal total;
    private BigDecimal amount;

    protected KitInvoice() {
    }

    public KitInvoice(BigDecimal total, BigDecimal amount) {
        this.total = total;
        this.amount = amount;
    }

    public Long getId() {
        return id;
    }

    public BigDecimal getTotal() {
        return total;
    }

    public void setTotal(BigDecimal total) {
        this.total = total;
    }

    public BigDecimal getAmount() {
        return amount;
    }
}
