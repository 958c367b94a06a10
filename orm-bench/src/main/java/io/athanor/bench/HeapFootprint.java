package io.athanor.bench;

import io.athanor.orm.Session;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.sql.Connection;
import java.util.List;
import java.util.Locale;

/**
 * W4's heap: the live heap held after loading N rows as session objects (entity, its state, the
 * identity map entry), against the same rows loaded as plain Java objects by JDBC. Each is measured
 * as used heap after a full GC with the list still referenced, minus the used heap before loading.
 * Usage: {@code java -cp orm-bench/target/benchmarks.jar io.athanor.bench.HeapFootprint [N]}.
 */
public final class HeapFootprint {
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private HeapFootprint() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int rounds = 3;
        long plainBest = Long.MAX_VALUE;
        long ormBest = Long.MAX_VALUE;
        try (BenchDatabase.Fresh db = BenchDatabase.fresh(n)) {
            for (int r = 0; r < rounds; r++) {
                long before = used();
                List<PlainStuff> plain;
                try (Connection c = db.dataSource().getConnection()) {
                    plain = BenchDatabase.loadAll(c);
                }
                long plainBytes = used() - before;
                check(plain.size(), n);
                plain = null;

                before = used();
                long ormBytes;
                try (Session session = db.sessionFactory.openSession()) {
                    List<Stuff> objects = session.query(Stuff.class).list();
                    ormBytes = used() - before;
                    check(objects.size(), n);
                    session.commit();
                }
                plainBest = Math.min(plainBest, plainBytes);
                ormBest = Math.min(ormBest, ormBytes);
            }
        }
        System.out.printf(Locale.ROOT, "W4 heap, N = %,d (retained after loading, full GC, best of %d):%n", n, rounds);
        System.out.printf(Locale.ROOT, "  plain objects (JDBC): %,d bytes (%.1f per row)%n", plainBest, (double) plainBest / n);
        System.out.printf(Locale.ROOT, "  session objects (ORM): %,d bytes (%.1f per row)%n", ormBest, (double) ormBest / n);
        System.out.printf(Locale.ROOT, "  ratio ORM/plain: %.2f (target <= 2.0)%n", (double) ormBest / plainBest);
    }

    private static void check(int size, int n) {
        if (size != n) {
            throw new IllegalStateException("loaded " + size + " rows, expected " + n);
        }
    }

    private static long used() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return MEMORY.getHeapMemoryUsage().getUsed();
    }
}
