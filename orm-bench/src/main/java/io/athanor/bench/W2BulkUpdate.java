package io.athanor.bench;

import io.athanor.orm.Session;
import io.athanor.orm.Synchronize;
import java.sql.Connection;
import java.util.Map;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.infra.Blackhole;

/** W2: one bulk UPDATE of every row (foo = foo + 1), Synchronize.NONE, commit. */
public class W2BulkUpdate extends FreshDatabaseState {

    @Benchmark
    public void orm(Blackhole bh) {
        try (Session session = db.sessionFactory.openSession()) {
            bh.consume(session.query(Stuff.class).update(Map.of(Stuff_.foo, Stuff_.foo.plus(1)), Synchronize.NONE));
            session.commit();
        }
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
