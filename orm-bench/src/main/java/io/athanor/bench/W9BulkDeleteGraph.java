package io.athanor.bench;

import io.athanor.orm.Session;
import io.athanor.orm.Synchronize;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * W9: N orders in N/10 customers, all loaded with their collections (setup, not measured); one
 * synchronized bulk DELETE of 10% of the orders (every tenth) and commit. The session takes the
 * deleted orders out of their customers' loaded collections. Floor: the bare JDBC DELETE and commit.
 */
public class W9BulkDeleteGraph extends GraphState {
    private Session session;
    private List<BenchCustomer> customers;

    @Override
    protected boolean populated() {
        return true;
    }

    @Setup(Level.Iteration)
    public void loadGraph(BenchmarkParams params) {
        if (params.getBenchmark().endsWith("jdbc")) {
            return;
        }
        session = factory.openSession();
        customers = session.query(BenchCustomer.class).load(BenchCustomer_.orders).list();
    }

    @TearDown(Level.Iteration)
    public void closeSession() {
        if (session != null) {
            session.close();
            session = null;
        }
    }

    @Benchmark
    public long ormEvaluate() {
        return delete(Synchronize.EVALUATE);
    }

    @Benchmark
    public long ormFetch() {
        return delete(Synchronize.FETCH);
    }

    private long delete(Synchronize mode) {
        long n = session.query(BenchOrder.class).where(BenchOrder_.id.mod(10L).eq(0L)).delete(mode);
        long left = 0; // before the commit, which expires the collections
        for (BenchCustomer c : customers) {
            left += c.getOrders().size();
        }
        session.commit();
        if (left != N - n) {
            throw new IllegalStateException("collections not synchronized: " + left + " orders left in them, expected " + (N - n));
        }
        return n;
    }

    @Benchmark
    public int jdbc() throws Exception {
        try (Connection c = factory.database().dataSource().getConnection()) {
            c.setAutoCommit(false);
            int n;
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM orders WHERE id % 10 = 0")) {
                n = ps.executeUpdate();
            }
            c.commit();
            return n;
        }
    }
}
