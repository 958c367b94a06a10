package io.athanor.bench;

import io.athanor.orm.annotations.Entity;
import io.athanor.orm.annotations.Id;
import io.athanor.orm.annotations.OneToMany;
import java.util.ArrayList;
import java.util.List;

/** W7/W8's parent: a customer and its orders. */
@Entity(table = "customer")
public class BenchCustomer {
    @Id
    private Long id;
    private String name;
    @OneToMany(mappedBy = "customer")
    private List<BenchOrder> orders = new ArrayList<>();

    protected BenchCustomer() {
    }

    public BenchCustomer(String name) {
        this.name = name;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public List<BenchOrder> getOrders() {
        return orders;
    }
}
