package io.athanor.bench;

import io.athanor.orm.Session;
import java.sql.Connection;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.infra.Blackhole;

/** W1: load every row as an object, foo++ on each, commit: N changed objects, one batched UPDATE shape. */
public class W1IterateUpdate extends FreshDatabaseState {

    @Benchmark
    public void orm(Blackhole bh) {
        try (Session session = db.sessionFactory.openSession()) {
            List<Stuff> all = session.query(Stuff.class).list();
            for (Stuff s : all) {
                s.setFoo(s.getFoo() + 1);
            }
            session.commit();
            bh.consume(all);
        }
    }

    @Benchmark
    public void jdbc(Blackhole bh) throws Exception {
        try (Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(false);
            List<PlainStuff> all = BenchDatabase.loadAll(c);
            for (PlainStuff p : all) {
                p.foo++;
            }
            BenchDatabase.updateFoo(c, all);
            c.commit();
            bh.consume(all);
        }
    }
}
