package io.athanor.orm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.athanor.orm.model.Account;
import io.athanor.orm.model.Gadget;
import io.athanor.orm.model.Stuff;
import io.athanor.orm.model.Stuff_;
import io.athanor.sql.Column;
import io.athanor.sql.Database;
import io.athanor.sql.Sql;
import io.athanor.sql.StatementKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code openSession(SessionOptions.readOnly())}: reads from the read replicas in turn (here two
 * SQLite files copied from the primary's, the second with one row more, so that a count tells which
 * database a session read), and refuses every write with an OrmException naming it before any SQL
 * runs. The cluster suite checks the same on a real PostgreSQL standby.
 */
class ReadOnlySessionTest {
    @TempDir
    Path dir;
    Database primary;
    SessionFactory sf;
    /** Statements that changed something, on the primary or a replica. */
    final List<String> writes = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void open() throws Exception {
        try (SessionFactory seed = SessionFactory.builder().url(url("primary")).entities(Stuff.class, Account.class,
                Gadget.class).build(); Session s = seed.openSession()) {
            seed.createTables();
            s.add(new Stuff(1, "one"));
            s.add(new Stuff(2, "two"));
            s.commit();
        }
        java.nio.file.Files.copy(dir.resolve("primary.db"), dir.resolve("replica1.db"));
        java.nio.file.Files.copy(dir.resolve("primary.db"), dir.resolve("replica2.db"));
        try (Database r2 = Database.open(url("replica2"))) {
            r2.execute(Sql.insertInto(Stuff_.TABLE).set(Stuff_.foo, 3).set(Stuff_.name, "only on replica 2"));
        }
        primary = Database.builder().url(url("primary")).listener((sql, kind, rows, values) -> {
            if (kind != StatementKind.SELECT) {
                writes.add(sql);
            }
        }).build();
        sf = SessionFactory.builder().database(primary).entities(Stuff.class, Account.class, Gadget.class)
                .readReplicas(url("replica1"), url("replica2")).build();
    }

    @AfterEach
    void close() {
        sf.close();
        primary.close();
    }

    private String url(String name) {
        return "jdbc:sqlite:" + dir.resolve(name + ".db");
    }

    @Test
    void readOnlySessionsReadFromTheReplicasInTurnAndOrdinaryOnesFromThePrimary() {
        assertEquals(2, sf.readReplicas().size());
        List<Long> counts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            try (Session s = sf.openSession(SessionOptions.readOnly())) {
                counts.add(s.query(Stuff.class).count());
                assertEquals("one", s.query(Stuff.class).where(Stuff_.foo.eq(1)).one().getName());
            }
        }
        assertEquals(List.of(2L, 3L, 2L, 3L), counts, "replica 1, replica 2, in turn");
        try (Session s = sf.openSession(SessionOptions.defaults()); Session t = sf.openSession()) {
            assertEquals(2, s.query(Stuff.class).count(), "ordinary sessions use the primary");
            assertEquals(2, t.query(Stuff.class).count());
        }
        assertTrue(writes.isEmpty(), writes.toString());
    }

    @Test
    void everyWriteIsRefusedBeforeAnySqlNamingTheReplicaAndTheSessionStaysUsable() {
        try (Session s = sf.openSession(SessionOptions.readOnly())) {
            Stuff one = s.query(Stuff.class).where(Stuff_.foo.eq(1)).one();
            List<Runnable> attempts = List.of(
                    () -> s.execute(Sql.update(Stuff_.TABLE).set(Stuff_.foo, 9)),
                    () -> s.execute(Sql.deleteFrom(Stuff_.TABLE)),
                    () -> s.execute(Sql.insertInto(Stuff_.TABLE).set(Stuff_.foo, 3).set(Stuff_.name, "x")),
                    () -> s.query(Stuff.class).update(Map.of(Stuff_.foo, 5)),
                    () -> s.query(Stuff.class).updateReturning(Map.of(Stuff_.foo, 5)),
                    () -> s.query(Stuff.class).delete(),
                    () -> s.insertAll(Stuff.class, List.of(Map.<Column<?>, Object>of(Stuff_.foo, 3, Stuff_.name, "x"))),
                    () -> s.upsert(Stuff.class, List.of(Map.<Column<?>, Object>of(Stuff_.id, one.getId(), Stuff_.foo, 3,
                            Stuff_.name, "x")), Stuff_.id),
                    () -> s.bulkUpdate(Stuff.class, List.of(Map.<Column<?>, Object>of(Stuff_.id, one.getId(), Stuff_.foo, 3))));
            for (Runnable attempt : attempts) {
                OrmException e = assertThrows(OrmException.class, attempt::run);
                assertTrue(e.getMessage().contains("read-only session") && e.getMessage().contains("read replica"),
                        e.getMessage());
            }
            one.setFoo(100);
            OrmException e = assertThrows(OrmException.class, s::flush);
            assertTrue(e.getMessage().startsWith("cannot flush its changes: this is a read-only session"), e.getMessage());
            assertThrows(OrmException.class, s::commit);
            assertThrows(OrmException.class, () -> s.query(Stuff.class).count(), "autoflush would write");
            s.rollback();
            assertEquals(1, s.query(Stuff.class).where(Stuff_.foo.eq(1)).one().getFoo(), "usable again, nothing written");
            s.add(new Stuff(7, "new"));
            assertThrows(OrmException.class, s::commit);
            s.rollback();
            s.delete(s.query(Stuff.class).where(Stuff_.foo.eq(2)).one());
            assertThrows(OrmException.class, s::flush);
            s.rollback();
            s.commit();
        }
        assertTrue(writes.isEmpty(), "no SQL wrote: " + writes);
        try (Session s = sf.openSession()) {
            assertEquals(List.of(1, 2), s.query(Stuff.class).orderBy(Stuff_.foo.asc()).list().stream().map(Stuff::getFoo).toList());
        }
    }

    @Test
    void withoutReplicasAReadOnlySessionReadsThePrimaryAndStillRefusesWrites() {
        try (SessionFactory plain = SessionFactory.builder().database(primary).entities(Stuff.class).build();
                Session s = plain.openSession(SessionOptions.readOnly())) {
            assertTrue(plain.readReplicas().isEmpty());
            assertEquals(2, s.query(Stuff.class).count());
            OrmException e = assertThrows(OrmException.class, () -> s.query(Stuff.class).delete());
            assertTrue(e.getMessage().contains("on the primary (this factory has no read replicas)"), e.getMessage());
        }
    }

    @Test
    void badArgumentsAreRefusedNamingThem() {
        assertThrows(OrmException.class, () -> sf.openSession(null));
        SessionFactory.Builder b = SessionFactory.builder().database(primary).entities(Stuff.class);
        assertTrue(assertThrows(OrmException.class, () -> b.readReplicas()).getMessage().contains("at least one"));
        assertTrue(assertThrows(OrmException.class, () -> b.readReplicas(url("replica1"), null)).getMessage().contains("URL 1 is null"));
    }

    @Test
    void theFactoryClosesTheReplicasItOpened() {
        List<Database> replicas = sf.readReplicas();
        sf.close();
        for (Database r : replicas) {
            assertTrue(((com.zaxxer.hikari.HikariDataSource) r.dataSource()).isClosed());
        }
        assertTrue(!((com.zaxxer.hikari.HikariDataSource) primary.dataSource()).isClosed(), "the caller's primary stays open");
    }

    @Test
    void unenhancedObjectsInAReadOnlySessionAreWritesOnlyWhenChanged() throws Exception {
        Class<?> plain = new net.bytebuddy.ByteBuddy().subclass(Object.class).name("io.athanor.orm.runtime.ReadOnlyPlain")
                .annotateType(net.bytebuddy.description.annotation.AnnotationDescription.Builder
                        .ofType(io.athanor.orm.annotations.Entity.class).define("table", "ro_plain").build())
                .defineField("id", Long.class, java.lang.reflect.Modifier.PUBLIC)
                .annotateField(net.bytebuddy.description.annotation.AnnotationDescription.Builder
                        .ofType(io.athanor.orm.annotations.Id.class).build())
                .defineField("foo", int.class, java.lang.reflect.Modifier.PUBLIC)
                .make().load(getClass().getClassLoader()).getLoaded();
        try (SessionFactory plainSf = SessionFactory.builder().database(primary).entities(plain).allowUnenhanced(true)
                .build()) {
            plainSf.createTables();
            plainSf.useTransaction(s -> s.add(newInstance(plain)));
            try (Session s = plainSf.openSession(SessionOptions.readOnly())) {
                Object loaded = s.query(plain).one();
                assertEquals(1, s.query(plain).count(), "an unchanged unenhanced object does not stop the autoflush");
                plain.getField("foo").set(loaded, 5);
                OrmException e = assertThrows(OrmException.class, s::flush);
                assertTrue(e.getMessage().startsWith("cannot flush its changes"), e.getMessage());
                s.rollback();
            }
        }
    }

    private static Object newInstance(Class<?> type) {
        try {
            return type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void sessionOptionsIsAValue() {
        assertEquals(SessionOptions.readOnly(), SessionOptions.readOnly());
        assertTrue(SessionOptions.readOnly().isReadOnly());
        assertEquals("SessionOptions.defaults()", SessionOptions.defaults().toString());
        assertTrue(!SessionOptions.defaults().equals(SessionOptions.readOnly()));
    }
}
