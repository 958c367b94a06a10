package io.athanor.bench;

import io.athanor.orm.Session;
import java.sql.Connection;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.infra.Blackhole;

/** W4: load every row as an object (identity map and tracking on the ORM side; plain objects for JDBC). */
public class W4LoadAll extends FreshDatabaseState {

    @Benchmark
    public void orm(Blackhole bh) {
        try (Session session = db.sessionFactory.openSession()) {
            bh.consume(session.query(Stuff.class).list());
            session.commit();
        }
    }

    @Benchmark
    public void jdbc(Blackhole bh) throws Exception {
        try (Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(false);
            bh.consume(BenchDatabase.loadAll(c));
            c.commit();
        }
    }
}
