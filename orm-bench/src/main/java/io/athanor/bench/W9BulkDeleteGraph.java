package io.athanor.bench;

import io.athanor.orm.Session;
import io.athanor.orm.Synchronize;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * W9: N orders in N/10 customers, every customer loaded with its collection (setup, not measured);
 * the measured call is one synchronized bulk DELETE of every tenth order (EVALUATE or FETCH), which
 * also takes the deleted orders out of the loaded collections. Floor: the bare JDBC DELETE. Both
 * run in a transaction opened in the setup and committed in the teardown (not measured), so the
 * figure is the statement and its synchronization, not the commit (whose expiry of 11,000 loaded
 * objects W4 already measures).
 */
public class W9BulkDeleteGraph extends GraphState {
    private Session session;
    private List<BenchCustomer> customers;
    private Connection connection;

    @Override
    protected boolean populated() {
        return true;
    }

    @Setup(Level.Iteration)
    public void open(BenchmarkParams params) throws Exception {
        if (params.getBenchmark().endsWith("jdbc")) {
            connection = factory.database().dataSource().getConnection();
            connection.setAutoCommit(false);
            return;
        }
        session = factory.openSession();
        customers = session.query(BenchCustomer.class).load(BenchCustomer_.orders).list();
    }

    @Override
    protected void finish() throws Exception {
        if (session != null) {
            long left = 0;
            for (BenchCustomer c : customers) {
                left += c.getOrders().size();
            }
            if (left != N - N / 10) {
                throw new IllegalStateException("collections not synchronized: " + left + " orders left in them");
            }
            session.commit();
            session.close();
            session = null;
        }
        if (connection != null) {
            connection.commit();
            connection.close();
            connection = null;
        }
    }

    @Benchmark
    public long ormEvaluate() {
        return session.query(BenchOrder.class).where(BenchOrder_.id.mod(10L).eq(0L)).delete(Synchronize.EVALUATE);
    }

    @Benchmark
    public long ormFetch() {
        return session.query(BenchOrder.class).where(BenchOrder_.id.mod(10L).eq(0L)).delete(Synchronize.FETCH);
    }

    @Benchmark
    public int jdbc() throws Exception {
        try (PreparedStatement ps = connection.prepareStatement("DELETE FROM orders WHERE id % 10 = 0")) {
            return ps.executeUpdate();
        }
    }
}
