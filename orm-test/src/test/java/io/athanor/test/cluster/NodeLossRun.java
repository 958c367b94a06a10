package io.athanor.test.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.athanor.orm.Session;
import io.athanor.orm.SessionFactory;
import io.athanor.sql.Sql;
import io.athanor.test.kit.entities.KitStuff;
import io.athanor.test.kit.entities.KitStuff_;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Galera node 3 is stopped while four workers write: one on each node and one on a failover URL
 * that lists node 3 first. Each unit of work inserts two rows through {@code inTransaction}. The
 * workers on nodes 1 and 2 and the failover one must go on committing after the stop; node 3's
 * worker must see its work fail with an exception (reported, not lost in silence); and every unit
 * must be all there or not at all: two rows or none, two for every unit reported committed. Node 3
 * is started again at the end and must catch up.
 */
final class NodeLossRun {
    private static final int BEFORE = 15;
    private static final int AFTER = 15;

    private final IntFunction<SessionFactory> node;
    private final Function<String, SessionFactory> byUrl;
    private final String database;

    NodeLossRun(IntFunction<SessionFactory> node, Function<String, SessionFactory> byUrl, String database) {
        this.node = node;
        this.byUrl = byUrl;
        this.database = database;
    }

    /** One writer: units of two inserts, counted as committed or failed (with the failure kept). */
    private static final class Worker {
        final String name;
        final SessionFactory sf;
        final List<Integer> committed = java.util.Collections.synchronizedList(new ArrayList<>());
        final List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger committedAfterStop = new AtomicInteger();

        Worker(String name, SessionFactory sf) {
            this.name = name;
            this.sf = sf;
        }

        void run(AtomicBoolean stop, AtomicBoolean nodeStopped) {
            for (int unit = 0; !stop.get(); unit++) {
                String tag = name + "-" + unit;
                int u = unit;
                try {
                    sf.useTransaction(s -> {
                        s.add(new KitStuff(u, tag + "/a"));
                        s.add(new KitStuff(u, tag + "/b"));
                    });
                    committed.add(unit);
                    if (nodeStopped.get()) {
                        committedAfterStop.incrementAndGet();
                    }
                } catch (RuntimeException e) {
                    failures.add(tag + ": " + e);
                    pause(100);
                }
            }
        }
    }

    void run() throws Exception {
        List<String> nodes = Cluster.galeraNodes();
        String nodeThreeFirst = "jdbc:mariadb:sequential://" + nodes.get(2) + "," + nodes.get(0) + "," + nodes.get(1)
                + "/" + database;
        List<Worker> workers = List.of(new Worker("node1", node.apply(1)), new Worker("node2", node.apply(2)),
                new Worker("node3", node.apply(3)), new Worker("failover", byUrl.apply(nodeThreeFirst)));
        AtomicBoolean stop = new AtomicBoolean();
        AtomicBoolean nodeStopped = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(workers.size());
        try {
            List<Future<?>> running = new ArrayList<>();
            for (Worker w : workers) {
                running.add(pool.submit(() -> w.run(stop, nodeStopped)));
            }
            awaitUntil(() -> workers.stream().allMatch(w -> w.committed.size() >= BEFORE), 60, "every worker committing");
            Cluster.script("stop-node", "3");
            nodeStopped.set(true);
            Worker three = workers.get(2);
            awaitUntil(() -> workers.stream().filter(w -> w != three).allMatch(w -> w.committedAfterStop.get() >= AFTER)
                    && !three.failures.isEmpty(), 90, "the surviving workers committing after node 3 stopped");
            stop.set(true);
            for (Future<?> f : running) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            stop.set(true);
            pool.shutdownNow();
            Cluster.script("start");
        }
        report(workers);
        Map<String, Integer> rowsPerUnit = rowsPerUnit(node.apply(1));
        for (Worker w : workers) {
            for (int unit : w.committed) {
                assertEquals(2, rowsPerUnit.getOrDefault(w.name + "-" + unit, 0), w.name + " unit " + unit + " committed");
            }
        }
        rowsPerUnit.forEach((unit, rows) -> assertEquals(2, rows, "unit " + unit + " half-written"));
        assertTrue(workers.get(0).failures.isEmpty() && workers.get(1).failures.isEmpty(),
                "work on the surviving nodes is retried, not failed: " + workers.get(0).failures + workers.get(1).failures);
        assertTrue(!workers.get(2).failures.isEmpty(), "node 3's work failed loudly after its node stopped");
        assertEquals(rowsPerUnit, rowsPerUnit(node.apply(3)), "node 3 caught up after it was started again");
    }

    private static void report(List<Worker> workers) {
        for (Worker w : workers) {
            System.err.println("[athanor-cluster] node loss: worker " + w.name + " committed " + w.committed.size()
                    + " units (" + w.committedAfterStop.get() + " after node 3 stopped), " + w.failures.size()
                    + " reported failures" + (w.failures.isEmpty() ? "" : ", first: " + w.failures.get(0)));
        }
    }

    /** Rows per unit tag, read through {@code sf}'s node. */
    private static Map<String, Integer> rowsPerUnit(SessionFactory sf) {
        Map<String, Integer> out = new HashMap<>();
        try (Session s = sf.openSession()) {
            s.select(Sql.select(KitStuff_.name).from(KitStuff_.TABLE), r -> {
                String name = r.get(0);
                return out.merge(name.substring(0, name.lastIndexOf('/')), 1, Integer::sum);
            });
        }
        return out;
    }

    private static void awaitUntil(java.util.function.BooleanSupplier done, int seconds, String what) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not reached within " + seconds + " s: " + what);
            }
            pause(50);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
