package io.athanor.test.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.athanor.orm.Session;
import io.athanor.orm.SessionFactory;
import io.athanor.sql.Database;
import io.athanor.sql.Sql;
import io.athanor.sql.SqlException;
import io.athanor.test.kit.entities.KitAccount;
import io.athanor.test.kit.entities.KitStuff;
import io.athanor.test.kit.entities.KitStuff_;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A session through any node of a three-node MariaDB Galera cluster (synchronous multi-primary
 * replication): what one node commits the others read; concurrent increments on different nodes
 * lose nothing (certification conflicts arrive as retryable deadlocks and {@code inTransaction}
 * runs the work again); generated keys interleave across nodes and each object keeps its own; a node
 * stopped mid-run leaves the others working and nothing half-written. Runs with ATHANOR_CLUSTER=1.
 *
 * <p>Every connection sets {@code wsrep_sync_wait=1}: a read on one node then waits until the node
 * has applied everything committed anywhere before it (Galera's causal reads). Without it, a node
 * may answer a read before applying another node's last commit.
 */
@ExtendWith(ClusterCondition.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GaleraClusterTest {
    private String database;
    private final List<AutoCloseable> open = new ArrayList<>();

    @BeforeAll
    void scratchDatabase() throws SQLException {
        database = "athanor_cl_" + Long.toHexString(new SecureRandom().nextLong() & Long.MAX_VALUE);
        try (Connection c = Cluster.connect(Cluster.galeraNodeUrl(1, "test"), "root"); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + database + " CHARACTER SET utf8mb4");
        }
    }

    @AfterAll
    void dropScratchDatabase() throws SQLException {
        try (Connection c = Cluster.connect(Cluster.galeraSequentialUrl("test"), "root"); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database);
        }
    }

    @BeforeEach
    void tables() throws SQLException {
        try (Connection c = Cluster.connect(Cluster.galeraNodeUrl(1, database), "root"); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS kit_stuff, kit_account");
        }
        factory(1).createTables();
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        open.clear();
    }

    /** A factory whose sessions work through node {@code n} alone (closed after the test). */
    private SessionFactory factory(int n) {
        return factory(Cluster.galeraNodeUrl(n, database));
    }

    private SessionFactory factory(String url) {
        Database db = Database.builder().url(url + "?sessionVariables=wsrep_sync_wait=1").username("root").password("")
                .maximumPoolSize(4).connectionTimeout(Duration.ofSeconds(2)).build();
        open.add(db);
        SessionFactory sf = SessionFactory.builder().database(db).entities(KitStuff.class, KitAccount.class)
                .expireOnCommit(false).retries(30).backoff(Duration.ofMillis(2), Duration.ofMillis(100)).build();
        open.add(sf);
        return sf;
    }

    @Test
    void whatNodeOneCommitsNodesTwoAndThreeRead() {
        long id = factory(1).inTransaction(s -> {
            KitStuff k = new KitStuff(42, "written on node 1");
            s.add(k);
            s.flush();
            return k.getId();
        });
        for (int n = 2; n <= 3; n++) {
            try (Session s = factory(n).openSession()) {
                KitStuff k = s.get(KitStuff.class, id);
                assertNotNull(k, "node " + n + " has the row");
                assertEquals("written on node 1", k.getName());
                k.setFoo(42 + n);
                s.commit();
            }
        }
        try (Session s = factory(1).openSession()) {
            assertEquals(45, s.get(KitStuff.class, id).getFoo(), "node 3's change, last, is on node 1");
        }
    }

    @Test
    void aCertificationConflictIsARetryableDeadlock() {
        long id = factory(1).inTransaction(s -> {
            KitAccount a = new KitAccount("conflict@example.com", 0);
            s.add(a);
            s.flush();
            return a.getId();
        });
        try (Session one = factory(1).openSession(); Session two = factory(2).openSession()) {
            one.get(KitAccount.class, id).setBalance(1);
            one.flush();
            two.get(KitAccount.class, id).setBalance(2);
            two.flush(); // node 2 holds its own row lock; node 1's lock is not visible there
            one.commit(); // certified first: node 2 must abort its local transaction when applying it
            RuntimeException e = assertThrows(RuntimeException.class, two::commit);
            SqlException sql = assertInstanceOf(SqlException.class, e, "the failure: " + e);
            assertTrue(sql.isRetryable(), "a certification conflict is retryable: " + sql);
            assertEquals("40001", sql.sqlState(), sql.getMessage());
        }
        try (Session s = factory(3).openSession()) {
            assertEquals(1, s.get(KitAccount.class, id).getBalance(), "node 1's commit won everywhere");
        }
    }

    @Test
    void concurrentIncrementsOnThreeNodesLoseNothing() throws Exception {
        long id = factory(1).inTransaction(s -> {
            KitAccount a = new KitAccount("counter@example.com", 0);
            s.add(a);
            s.flush();
            return a.getId();
        });
        int perNode = 40;
        AtomicInteger runs = new AtomicInteger();
        List<SessionFactory> nodes = List.of(factory(1), factory(2), factory(3));
        onEachNode(nodes, (n, sf) -> {
            for (int i = 0; i < perNode; i++) {
                sf.useTransaction(s -> {
                    runs.incrementAndGet();
                    KitAccount a = s.get(KitAccount.class, id);
                    a.setBalance(a.getBalance() + 1);
                });
            }
            return null;
        });
        int retries = runs.get() - 3 * perNode;
        System.err.println("[athanor-cluster] " + 3 * perNode + " increments on 3 Galera nodes: " + retries
                + " runs retried after certification conflicts or stale versions");
        for (SessionFactory sf : nodes) {
            try (Session s = sf.openSession()) {
                KitAccount a = s.get(KitAccount.class, id);
                assertEquals(3 * perNode, a.getBalance(), "no increment lost");
                assertEquals(3 * perNode, a.getVersion(), "one version per increment");
            }
        }
        assertTrue(retries >= 0 && retries < 30 * 3 * perNode, "retries: " + retries);
    }

    @Test
    void aThousandRowFlushOnEachNodeGivesUniqueKeysMatchingTheirRows() throws Exception {
        List<SessionFactory> nodes = List.of(factory(1), factory(2), factory(3));
        List<List<KitStuff>> flushed = onEachNode(nodes, (n, sf) -> {
            List<KitStuff> mine = new ArrayList<>();
            try (Session s = sf.openSession()) {
                for (int i = 0; i < 1000; i++) {
                    KitStuff k = new KitStuff(i, "node" + n + "-" + i);
                    s.add(k);
                    mine.add(k);
                }
                s.commit();
            }
            return mine;
        });
        Map<String, Long> rows = new HashMap<>();
        try (Session s = nodes.get(0).openSession()) {
            s.select(Sql.select(KitStuff_.id, KitStuff_.name).from(KitStuff_.TABLE),
                    r -> rows.put(r.<String>get(1), r.<Long>get(0)));
        }
        assertEquals(3000, rows.size());
        Set<Long> keys = new HashSet<>();
        Set<Long> allOffsets = new HashSet<>();
        for (int n = 0; n < 3; n++) {
            Set<Long> offsets = new HashSet<>();
            for (KitStuff k : flushed.get(n)) {
                assertEquals(rows.get(k.getName()), k.getId(), "the key of " + k.getName());
                assertTrue(keys.add(k.getId()), "duplicate key " + k.getId());
                offsets.add(Math.floorMod(k.getId(), 3L));
            }
            assertEquals(1, offsets.size(), "a node's keys share its auto_increment_offset: " + offsets);
            allOffsets.addAll(offsets);
        }
        assertEquals(Set.of(0L, 1L, 2L), allOffsets, "each node has its own offset (wsrep_auto_increment_control)");
    }

    @Test
    void aNodeStoppedMidRunLeavesTheOthersWorkingAndNothingHalfWritten() throws Exception {
        new NodeLossRun(this::factory, this::factory, database).run();
    }

    /** Runs {@code work(n, factory)} once for each node's factory (n from 1), concurrently; the results in node order. */
    static <T> List<T> onEachNode(List<SessionFactory> nodes, BiFunction<Integer, SessionFactory, T> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(nodes.size());
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < nodes.size(); i++) {
                int n = i + 1;
                SessionFactory sf = nodes.get(i);
                futures.add(pool.submit(() -> work.apply(n, sf)));
            }
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
