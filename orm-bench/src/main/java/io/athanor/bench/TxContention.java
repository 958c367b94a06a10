package io.athanor.bench;

import io.athanor.orm.Session;
import io.athanor.orm.SessionFactory;
import io.athanor.orm.StaleObjectException;
import io.athanor.sql.SqlException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Not a JMH benchmark: the throughput of T threads (1, 2, 4, 8) doing read-modify-write increments
 * of one {@code @Version} row of a SQLite file (WAL), each increment one transaction, for a fixed
 * time per point. Two ways: {@code inTransaction} (the session begins as a writer and waits its turn
 * in Athanor's fair in-process queue, then BEGIN IMMEDIATE) against plain sessions that retry by hand
 * on any retryable failure, as code written before {@code inTransaction} had to (deferred
 * transactions; a stale reader's write fails with SQLITE_BUSY_SNAPSHOT and runs again at once).
 * Prints commits/s, retries per commit, and the worst number of runs one increment needed.
 * Usage: {@code java -cp orm-bench/target/benchmarks.jar io.athanor.bench.TxContention [seconds per point] [threads,...]}.
 */
public final class TxContention {
    private TxContention() {
    }

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3;
        String[] threadCounts = (args.length > 1 ? args[1] : "1,2,4,8").split(",");
        // Warm up the JIT on both paths first (unmeasured): the first seconds run several times slower.
        for (String way : List.of("inTransaction", "session + manual retry")) {
            run(way, 2, 8, false);
        }
        System.out.printf(Locale.ROOT, "| way | threads | commits/s | retries per commit | worst runs of one increment |%n");
        System.out.printf(Locale.ROOT, "|---|---:|---:|---:|---:|%n");
        // Interleaved, so that a burst of load from elsewhere on the machine does not hit one way only.
        for (String t : threadCounts) {
            for (String way : List.of("inTransaction", "session + manual retry")) {
                run(way, Integer.parseInt(t.trim()), seconds, true);
            }
        }
    }

    private static void run(String way, int threads, double seconds, boolean print) throws Exception {
        Path dir = Files.createTempDirectory("athanor-tx-bench");
        Path file = dir.resolve("tx.db");
        try (SessionFactory sf = SessionFactory.builder().url("jdbc:sqlite:" + file).entities(Stuff.class).retries(1_000).build()) {
            sf.createTables();
            Long id = sf.inTransaction(s -> {
                Stuff row = new Stuff(0, "hot");
                s.add(row);
                s.flush();
                return row.getId();
            });
            measure(sf, id, way, threads, Math.min(1, seconds / 3)); // warms this pool, unmeasured
            long[] r = measure(sf, id, way, threads, seconds);
            if (print) {
                System.out.printf(Locale.ROOT, "| %s | %d | %,.0f | %.3f | %d |%n", way, threads, r[0] / seconds,
                        (double) r[1] / Math.max(1, r[0]), r[2]);
            }
        } finally {
            for (String suffix : List.of("", "-wal", "-shm")) {
                Files.deleteIfExists(Path.of(file + suffix));
            }
            Files.deleteIfExists(dir);
        }
    }

    /** Returns {commits, retries, worst runs of one increment}. */
    private static long[] measure(SessionFactory sf, Long id, String way, int threads, double seconds) throws Exception {
        AtomicLong commits = new AtomicLong();
        AtomicLong retries = new AtomicLong();
        AtomicLong worst = new AtomicLong();
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread w = new Thread(() -> {
                while (System.nanoTime() < deadline) {
                    long runs = way.equals("inTransaction") ? viaInTransaction(sf, id) : viaManualRetry(sf, id, deadline);
                    if (runs > 0) {
                        commits.incrementAndGet();
                        retries.addAndGet(runs - 1);
                        worst.accumulateAndGet(runs, Math::max);
                    }
                }
            });
            w.start();
            workers.add(w);
        }
        for (Thread w : workers) {
            w.join();
        }
        return new long[] {commits.get(), retries.get(), worst.get()};
    }

    private static long viaInTransaction(SessionFactory sf, Long id) {
        long[] runs = {0};
        sf.useTransaction(s -> {
            runs[0]++;
            increment(s, id);
        });
        return runs[0];
    }

    /** Runs until one commit succeeds (returns the runs) or the deadline passes (returns 0). */
    private static long viaManualRetry(SessionFactory sf, Long id, long deadline) {
        for (long runs = 1; System.nanoTime() < deadline; runs++) {
            try (Session s = sf.openSession()) {
                increment(s, id);
                s.commit();
                return runs;
            } catch (StaleObjectException e) {
                // lost the race: run again
            } catch (SqlException e) {
                if (!e.isRetryable()) {
                    throw e;
                }
            }
        }
        return 0;
    }

    private static void increment(Session s, Long id) {
        Stuff row = s.get(Stuff.class, id);
        row.setFoo(row.getFoo() + 1);
    }
}
