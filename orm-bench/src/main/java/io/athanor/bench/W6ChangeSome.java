package io.athanor.bench;

import io.athanor.orm.Session;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.infra.Blackhole;

/** W6: load every row as an object, change every 10th (foo++), commit: the flush writes N/10 rows. */
public class W6ChangeSome extends FreshDatabaseState {

    @Benchmark
    public void orm(Blackhole bh) {
        try (Session session = db.sessionFactory.openSession()) {
            List<Stuff> all = session.query(Stuff.class).list();
            for (int i = 0; i < all.size(); i += 10) {
                Stuff s = all.get(i);
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
            List<PlainStuff> changed = new ArrayList<>(all.size() / 10 + 1);
            for (int i = 0; i < all.size(); i += 10) {
                PlainStuff p = all.get(i);
                p.foo++;
                changed.add(p);
            }
            BenchDatabase.updateFoo(c, changed);
            c.commit();
            bh.consume(all);
        }
    }
}
