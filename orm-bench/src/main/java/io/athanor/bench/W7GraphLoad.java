package io.athanor.bench;

import io.athanor.orm.Session;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.infra.Blackhole;

/**
 * W7: load N orders and their N/10 customers both ways with {@code Query.load} and walk the graph,
 * against hand-written JDBC that runs two SELECTs and links the rows through a map.
 */
public class W7GraphLoad extends GraphState {
    @Override
    protected boolean populated() {
        return true;
    }

    /** Orders, each with its customer ({@code load(BenchOrder_.customer)}). */
    @Benchmark
    public long ormOrdersWithCustomer() {
        try (Session s = factory.openSession()) {
            long sum = 0;
            for (BenchOrder o : s.query(BenchOrder.class).load(BenchOrder_.customer).list()) {
                sum += o.getQuantity() + o.getCustomer().getName().length();
            }
            s.commit();
            return sum;
        }
    }

    /** Customers, each with its orders ({@code load(BenchCustomer_.orders)}). */
    @Benchmark
    public long ormCustomersWithOrders() {
        try (Session s = factory.openSession()) {
            long sum = 0;
            for (BenchCustomer c : s.query(BenchCustomer.class).load(BenchCustomer_.orders).list()) {
                for (BenchOrder o : c.getOrders()) {
                    sum += o.getQuantity();
                }
            }
            s.commit();
            return sum;
        }
    }

    /** Plain objects of both tables linked both ways: what the ORM's graph holds. */
    @Benchmark
    public long jdbc(Blackhole bh) throws Exception {
        try (Connection c = factory.database().dataSource().getConnection()) {
            c.setAutoCommit(false);
            Map<Long, PlainCustomer> customers = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, name FROM customer"); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long id = rs.getLong(1);
                    customers.put(id, new PlainCustomer(id, rs.getString(2)));
                }
            }
            List<PlainOrder> orders = new ArrayList<>();
            long sum = 0;
            try (PreparedStatement ps = c.prepareStatement("SELECT id, item, quantity, customer_id FROM orders");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long fk = rs.getLong(4);
                    PlainOrder o = new PlainOrder(rs.getLong(1), rs.getString(2), rs.getInt(3),
                            rs.wasNull() ? null : customers.get(fk));
                    if (o.customer != null) {
                        o.customer.orders.add(o);
                    }
                    orders.add(o);
                    sum += o.quantity + (o.customer == null ? 0 : o.customer.name.length());
                }
            }
            c.commit();
            bh.consume(orders);
            return sum;
        }
    }

    /** A customer as hand-written JDBC code holds it. */
    static final class PlainCustomer {
        final long id;
        final String name;
        final List<PlainOrder> orders = new ArrayList<>();

        PlainCustomer(long id, String name) {
            this.id = id;
            this.name = name;
        }
    }

    /** An order as hand-written JDBC code holds it. */
    static final class PlainOrder {
        Long id;
        final String item;
        final int quantity;
        final PlainCustomer customer;

        PlainOrder(Long id, String item, int quantity, PlainCustomer customer) {
            this.id = id;
            this.item = item;
            this.quantity = quantity;
            this.customer = customer;
        }
    }
}
