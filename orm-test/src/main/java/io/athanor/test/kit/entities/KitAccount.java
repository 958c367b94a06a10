package io.athanor.test.kit.entities;

import io.athanor.orm.annotations.Column;
import io.athanor.orm.annotations.Entity;
import io.athanor.orm.annotations.Id;
import io.athanor.orm.annotations.Version;

/** A versioned entity with a unique column, for optimistic locking and failed flushes. */
@Entity(table = "kit_account")
public class KitAccount {
    @Id
    private Long id;
    @Column(unique = true, nullable = false)
    private String email;
    private long balance;
    @Version
    private int version;

    protected KitAccount() {
    }

    public KitAccount(String email, long balance) {
        this.email = email;
        this.balance = balance;
    }

    public Long getId() {
        return id;
    }

    public String getEmail() {
        return email;
    }

    public long getBalance() {
        return balance;
    }

    public void setBalance(long balance) {
        this.balance = balance;
    }

    public int getVersion() {
        return version;
    }
}
