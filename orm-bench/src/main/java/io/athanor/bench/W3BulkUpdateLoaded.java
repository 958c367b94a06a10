package io.athanor.bench;

import io.athanor.orm.Session;
import io.athanor.orm.Synchronize;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.infra.Blackhole;

/**
 * W3: the W2 statement with 1,000 objects already loaded in the session (loaded in the setup, in the
 * session's transaction), synchronized by EVALUATE or FETCH, then every loaded object is read; commit.
 * The floor is the JDBC W2 statement.
 */
public class W3BulkUpdateLoaded extends FreshDatabaseState {
    private static final int LOADED = 1_000;

    private Session session;
    private List<Stuff> loaded;

    @Override
    protected void prepare(String method) {
        if (method.startsWith("orm")) {
            session = db.sessionFactory.openSession();
            loaded = session.query(Stuff.class).where(Stuff_.id.le((long) LOADED)).list();
            if (loaded.size() != LOADED) {
                throw new IllegalStateException("loaded " + loaded.size());
            }
        }
    }

    @Override
    protected void cleanup() {
        if (session != null) {
            session.close();
            session = null;
            loaded = null;
        }
    }

    @Benchmark
    public void ormEvaluate(Blackhole bh) {
        run(Synchronize.EVALUATE, bh);
    }

    @Benchmark
    public void ormFetch(Blackhole bh) {
        run(Synchronize.FETCH, bh);
    }

    private void run(Synchronize mode, Blackhole bh) {
        bh.consume(session.query(Stuff.class).update(Map.of(Stuff_.foo, Stuff_.foo.plus(1)), mode));
        long sum = 0;
        for (Stuff s : loaded) {
            sum += s.getFoo() + s.getVersion(); // synchronized in memory: no SQL
        }
        bh.consume(sum);
        session.commit();
    }

    @Benchmark
    public void jdbc(Blackhole bh) throws Exception {
        try (Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(false);
            bh.consume(BenchDatabase.bulkUpdate(c));
            c.commit();
        }
    }
}
