package io.athanor.test.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.athanor.orm.OrmException;
import io.athanor.orm.Session;
import io.athanor.orm.SessionFactory;
import io.athanor.orm.SessionOptions;
import io.athanor.sql.Column;
import io.athanor.sql.Sql;
import io.athanor.sql.SqlException;
import io.athanor.test.kit.entities.KitAccount;
import io.athanor.test.kit.entities.KitStuff;
import io.athanor.test.kit.entities.KitStuff_;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A PostgreSQL primary and its streaming hot standby: a factory with
 * {@code readReplicas(standby)} writes through ordinary sessions on the primary and reads through
 * {@code openSession(SessionOptions.readOnly())} on the standby, which refuses every write with
 * Athanor's {@link OrmException} before any SQL (the server's own refusal, a "read-only
 * transaction" error, is what a write would meet without it). Runs with ATHANOR_CLUSTER=1.
 */
@ExtendWith(ClusterCondition.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresStandbyTest {
    private String schema;
    private SessionFactory sf;

    @BeforeAll
    void open() throws SQLException {
        schema = "athanor_ro_" + Long.toHexString(new SecureRandom().nextLong() & Long.MAX_VALUE);
        try (Connection c = Cluster.connect(url(Cluster.pgPrimary()), "postgres"); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        sf = SessionFactory.builder().url(url(Cluster.pgPrimary()) + "?currentSchema=" + schema).username("postgres")
                .readReplicas(url(Cluster.pgStandby()) + "?currentSchema=" + schema)
                .entities(KitStuff.class, KitAccount.class).build();
        sf.createTables();
    }

    @AfterAll
    void close() throws SQLException {
        if (sf != null) {
            sf.close();
        }
        try (Connection c = Cluster.connect(url(Cluster.pgPrimary()), "postgres"); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    private static String url(String hostPort) {
        return "jdbc:postgresql://" + hostPort + "/test";
    }

    /** PostgreSQL's catalog of databases, never empty: a FROM for a SELECT of a function. */
    private static final io.athanor.sql.Table PG_DATABASE = io.athanor.sql.Table.builder("pg_database")
            .column("datname", String.class).build();

    /** pg_is_in_recovery() in the session's transaction: true on the standby. */
    private static boolean inRecovery(Session s) {
        return s.select(Sql.select(Sql.function("pg_is_in_recovery", Boolean.class)).from(PG_DATABASE).limit(1),
                r -> r.<Boolean>get(0)).get(0);
    }

    /** The row named {@code name} as a read-only session sees it, waiting out replication lag (at most 10 s). */
    private KitStuff readOnStandby(String name) throws InterruptedException {
        long start = System.nanoTime();
        while (true) {
            try (Session s = sf.openSession(SessionOptions.readOnly())) {
                assertTrue(inRecovery(s), "a read-only session reads from the standby");
                var found = s.query(KitStuff.class).where(KitStuff_.name.eq(name)).first();
                if (found.isPresent()) {
                    System.err.println("[athanor-cluster] standby lag: the commit was readable on the standby after "
                            + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) + " ms");
                    return found.get();
                }
            }
            if (System.nanoTime() - start > TimeUnit.SECONDS.toNanos(10)) {
                throw new AssertionError("the standby did not show " + name + " within 10 s");
            }
            Thread.sleep(10);
        }
    }

    @Test
    void ordinarySessionsWriteOnThePrimaryAndReadOnlySessionsReadTheStandby() throws Exception {
        long id = sf.inTransaction(s -> {
            assertFalse(inRecovery(s), "ordinary sessions use the primary");
            KitStuff k = new KitStuff(7, "replicated");
            s.add(k);
            s.flush();
            return k.getId();
        });
        KitStuff onStandby = readOnStandby("replicated");
        assertEquals(id, onStandby.getId());
        assertEquals(7, onStandby.getFoo());
        try (Session s = sf.openSession()) {
            assertFalse(inRecovery(s));
            assertNotNull(s.get(KitStuff.class, id), "read your writes: on the primary, at once");
        }
    }

    @Test
    void theStandbyRefusesWritesWithAthanorsErrorBeforeAnySql() throws Exception {
        sf.useTransaction(s -> s.add(new KitStuff(1, "to be left alone")));
        KitStuff loaded = readOnStandby("to be left alone");
        try (Session s = sf.openSession(SessionOptions.readOnly())) {
            KitStuff k = s.get(KitStuff.class, loaded.getId());
            k.setFoo(99);
            OrmException e = assertThrows(OrmException.class, s::commit);
            assertTrue(e.getMessage().contains("read-only session") && e.getMessage().contains("read replica 1 of 1 (jdbc:postgresql://"
                    + Cluster.pgStandby() + "/test)"), e.getMessage());
            s.rollback();
            List<Runnable> writes = List.of(
                    () -> s.query(KitStuff.class).update(Map.of(KitStuff_.foo, 5)),
                    () -> s.query(KitStuff.class).delete(),
                    () -> s.execute(Sql.deleteFrom(KitStuff_.TABLE)),
                    () -> s.insertAll(KitStuff.class, List.of(Map.<Column<?>, Object>of(KitStuff_.foo, 1, KitStuff_.name, "x"))));
            for (Runnable w : writes) {
                OrmException refused = assertThrows(OrmException.class, w::run);
                assertTrue(refused.getMessage().contains("read-only session"), refused.getMessage());
            }
            assertEquals(1, s.get(KitStuff.class, loaded.getId()).getFoo(), "the session still reads after refusals");
        }
        // What the guard spares the user: the standby's own answer to a write.
        SqlException server = assertThrows(SqlException.class, () -> sf.readReplicas().get(0)
                .execute(Sql.update(KitStuff_.TABLE).set(KitStuff_.foo, 5)));
        assertEquals("25006", server.sqlState(), server.getMessage());
        try (Session s = sf.openSession()) {
            assertEquals(1, s.get(KitStuff.class, loaded.getId()).getFoo(), "nothing written on the primary");
        }
    }

    @Test
    void aReplicaOfAnotherKindOfDatabaseIsRefusedAtBuild() {
        OrmException e = assertThrows(OrmException.class, () -> SessionFactory.builder()
                .url(url(Cluster.pgPrimary()) + "?currentSchema=" + schema).username("postgres")
                .readReplicas(url(Cluster.pgStandby()), Cluster.galeraNodeUrl(1, "test") + "?user=root&password=")
                .entities(KitStuff.class).build());
        assertTrue(e.getMessage().contains("read replica 2 of 2") && e.getMessage().contains("is a mariadb database but the "
                + "primary is postgresql"), e.getMessage());
    }

    @Test
    void aMultiHostUrlWithTargetServerTypeFindsThePrimaryWhicheverHostIsFirst() {
        String both = "jdbc:postgresql://" + Cluster.pgStandby() + "," + Cluster.pgPrimary() + "/test?currentSchema=" + schema;
        try (SessionFactory primary = SessionFactory.builder().url(both + "&targetServerType=primary").username("postgres")
                .readReplicas(both + "&targetServerType=secondary").entities(KitStuff.class).build()) {
            assertEquals("postgresql", primary.database().dialect().name());
            primary.useTransaction(s -> {
                assertFalse(inRecovery(s));
                s.add(new KitStuff(3, "through the multi-host URL"));
            });
            try (Session s = primary.openSession(SessionOptions.readOnly())) {
                assertTrue(inRecovery(s), "targetServerType=secondary: the standby");
            }
        }
        assertInstanceOf(SessionFactory.class, sf);
    }
}
