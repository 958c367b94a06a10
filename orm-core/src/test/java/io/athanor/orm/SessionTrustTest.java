package io.athanor.orm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.when;

import io.athanor.orm.model.Account;
import io.athanor.orm.model.Account_;
import io.athanor.orm.model.Stuff;
import io.athanor.orm.model.Stuff_;
import io.athanor.sql.Database;
import io.athanor.sql.Sql;
import io.athanor.sql.SqlException;
import io.athanor.sql.dialect.SqliteDialect;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/**
 * The session never reports success for work the database does not hold, nor accepts what it
 * would silently get wrong: a failed or half-failed COMMIT, a column of another table, a second
 * thread, a stale version in bulkUpdate, a null argument.
 */
class SessionTrustTest {
    @TempDir
    Path dir;

    // --- COMMIT under injected faults ------------------------------------------------------------

    /** A factory over a SQLite file whose connections are Mockito spies that {@code fault} configures. */
    private SessionFactory factoryWithFaults(Consumer<Connection> fault) throws SQLException {
        SQLiteDataSource real = new SQLiteDataSource();
        real.setUrl("jdbc:sqlite:" + dir.resolve("faults.db"));
        DataSource ds = mock(DataSource.class);
        when(ds.getConnection()).thenAnswer(inv -> {
            Connection c = spy(real.getConnection());
            fault.accept(c);
            return c;
        });
        Database db = Database.builder().dataSource(ds).dialect(new SqliteDialect()).build();
        SessionFactory sf = SessionFactory.builder().database(db).entities(Stuff.class).build();
        sf.createTables();
        return sf;
    }

    private static long rowsIn(SessionFactory sf) {
        return sf.database().query(Sql.select(Sql.count()).from(Stuff_.TABLE), r -> r.<Long>get(0)).get(0);
    }

    @Test
    void aFailedCommitIsReportedAndASecondCommitCannotPretendTheWorkWasSaved() throws Exception {
        AtomicInteger commitsToFail = new AtomicInteger();
        try (SessionFactory sf = factoryWithFaults(c -> {
            try {
                doAnswer(inv -> {
                    if (commitsToFail.getAndDecrement() > 0) {
                        throw new SQLException("disk I/O error at COMMIT");
                    }
                    return inv.callRealMethod();
                }).when(c).commit();
            } catch (SQLException e) {
                throw new AssertionError(e);
            }
        })) {
            commitsToFail.set(1);
            try (Session s = sf.openSession()) {
                Stuff stuff = new Stuff(1, "a");
                s.add(stuff);
                SqlException failed = assertThrows(SqlException.class, s::commit);
                assertTrue(failed.getMessage().contains("disk I/O error"), failed.getMessage());
                OrmException again = assertThrows(OrmException.class, s::commit, "the work was lost: commit must keep saying so");
                assertSame(failed, again.getCause());
                assertEquals(0, rowsIn(sf), "nothing was committed");
                s.rollback();
                assertEquals(ObjectState.TRANSIENT, s.state(stuff), "rollback turns the never-committed insert transient");
                s.add(stuff);
                s.commit();
            }
            assertEquals(1, rowsIn(sf), "after rollback() the same object can be saved");
        }
    }

    @Test
    void aCleanupFailureAfterASuccessfulCommitIsNotReportedAsAFailedCommit() throws Exception {
        try (SessionFactory sf = factoryWithFaults(c -> {
            try {
                doThrow(new SQLException("cannot reset auto-commit")).when(c).setAutoCommit(true);
                doThrow(new SQLException("close failed")).doCallRealMethod().when(c).close();
            } catch (SQLException e) {
                throw new AssertionError(e);
            }
        })) {
            try (Session s = sf.openSession()) {
                s.add(new Stuff(1, "a"));
                s.commit(); // the database said yes: that is success
                s.add(new Stuff(2, "b"));
                s.commit();
            }
        }
    }

    // --- a column of another table ---------------------------------------------------------------

    @Test
    void aColumnOfAnotherEntityIsRefusedBeforeAnySqlNamingIt() {
        try (OrmFixture orm = new OrmFixture(dir); Session s = orm.factory.openSession()) {
            orm.seedStuff(3);
            s.add(new Stuff(99, "pending")); // an autoflush would be SQL: it must not happen either
            List<Executable> calls = List.of(
                    () -> s.query(Stuff.class).where(Account_.email.eq("n1")).list(),
                    () -> s.query(Stuff.class).where(Account_.email.eq("n1")).first(),
                    () -> s.query(Stuff.class).where(Account_.email.eq("n1")).count(),
                    () -> s.query(Stuff.class).orderBy(Account_.balance.asc()).list(),
                    () -> s.query(Stuff.class).where(Stuff_.name.eq(Account_.email)).list(),
                    () -> s.query(Stuff.class).where(Account_.balance.gt(0L)).update(Map.of(Stuff_.foo, 1), Synchronize.FETCH),
                    () -> s.query(Stuff.class).where(Account_.balance.gt(0L)).delete(Synchronize.NONE),
                    () -> s.query(Stuff.class).update(Map.of(Stuff_.foo, Stuff_.foo.plus(Account_.version)), Synchronize.FETCH),
                    () -> s.execute(Sql.update(Stuff_.TABLE).set(Stuff_.foo, 1).where(Account_.balance.gt(0L))));
            for (Executable call : calls) {
                orm.reset();
                RuntimeException e = (RuntimeException) assertThrows(RuntimeException.class, call);
                assertTrue(e.getMessage().contains("account."), e.getMessage());
                assertEquals(List.of(), orm.statements, "no SQL at all, not even the autoflush: " + e.getMessage());
            }
            s.commit(); // nothing failed in the database: the session goes on
        }
    }

    // --- one session, two threads ----------------------------------------------------------------

    @Test
    void aSecondThreadEnteringABusySessionIsRefusedNamingTheSession() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor(r -> new Thread(r, "first-user"));
        try (Database db = Database.builder().url("jdbc:sqlite:" + dir.resolve("threads.db"))
                .listener((sql, kind, rows, values) -> {
                    if (sql.startsWith("SELECT") && Thread.currentThread().getName().equals("first-user")) {
                        inside.countDown();
                        await(release);
                    }
                }).build();
                SessionFactory sf = SessionFactory.builder().database(db).entities(Stuff.class).build()) {
            sf.createTables();
            Session s = sf.openSession();
            Future<List<Stuff>> first = pool.submit(() -> s.query(Stuff.class).list());
            assertTrue(inside.await(10, TimeUnit.SECONDS));
            OrmException e = assertThrows(OrmException.class, () -> s.add(new Stuff(1, "x")));
            assertTrue(e.getMessage().contains(s.toString()) && e.getMessage().contains("first-user")
                    && e.getMessage().contains("not thread-safe"), e.getMessage());
            release.countDown();
            assertEquals(List.of(), first.get(10, TimeUnit.SECONDS));
            s.add(new Stuff(1, "x")); // once the first thread left, this thread may use it
            s.commit();
            s.close();
        } finally {
            pool.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // --- bulkUpdate and @Version -----------------------------------------------------------------

    private static Long insertAccount(SessionFactory sf, String email) {
        try (Session s = sf.openSession()) {
            Account a = new Account(email, 10);
            s.add(a);
            s.commit();
            return a.getId();
        }
    }

    private static int versionInDatabase(OrmFixture orm, Long id) {
        return orm.database.query(Sql.select(Account_.version).from(Account_.TABLE).where(Account_.id.eq(id)),
                r -> r.get(Account_.version)).get(0);
    }

    @Test
    void bulkUpdateOfAVersionedEntityChecksTheVersionFromTheMapAndBumpsIt() {
        try (OrmFixture orm = new OrmFixture(dir)) {
            Long id = insertAccount(orm.factory, "a@x");
            int v0 = versionInDatabase(orm, id);
            try (Session s = orm.factory.openSession()) {
                assertEquals(1, s.bulkUpdate(Account.class, List.of(Map.of(Account_.id, id, Account_.version, v0, Account_.balance, 20L))));
                s.commit();
            }
            assertEquals(v0 + 1, versionInDatabase(orm, id));
            try (Session s = orm.factory.openSession()) {
                StaleObjectException e = assertThrows(StaleObjectException.class, () -> s.bulkUpdate(Account.class,
                        List.of(Map.of(Account_.id, id, Account_.version, v0, Account_.balance, 30L))));
                assertTrue(e.getMessage().contains("version = " + v0), e.getMessage());
                assertThrows(OrmException.class, s::commit);
                s.rollback();
            }
            assertEquals(v0 + 1, versionInDatabase(orm, id), "nothing of the stale bulkUpdate was kept");
        }
    }

    @Test
    void bulkUpdateTakesTheVersionFromTheLoadedObjectAndSynchronizesIt() {
        try (OrmFixture orm = new OrmFixture(dir)) {
            Long id = insertAccount(orm.factory, "b@x");
            try (Session s = orm.factory.openSession()) {
                Account loaded = s.get(Account.class, id);
                int v0 = loaded.getVersion();
                s.bulkUpdate(Account.class, List.of(Map.of(Account_.id, id, Account_.balance, 20L)));
                assertEquals(v0 + 1, loaded.getVersion());
                assertEquals(20L, loaded.getBalance());
                assertFalse(s.isDirty(loaded));
                s.commit(); // expires the object: its version reloads before the next bulkUpdate
                orm.database.execute(Sql.update(Account_.TABLE).set(Account_.version, 7).where(Account_.id.eq(id)));
                s.bulkUpdate(Account.class, List.of(Map.of(Account_.id, id, Account_.balance, 30L)));
                assertEquals(8, loaded.getVersion());
                s.commit();
            }
            assertEquals(8, versionInDatabase(orm, id));
        }
    }

    @Test
    void bulkUpdateOfAVersionedRowWithNoVersionKnownIsRefusedBeforeAnySql() {
        try (OrmFixture orm = new OrmFixture(dir)) {
            Long id = insertAccount(orm.factory, "c@x");
            orm.reset();
            try (Session s = orm.factory.openSession()) {
                OrmException e = assertThrows(OrmException.class,
                        () -> s.bulkUpdate(Account.class, List.of(Map.of(Account_.id, id, Account_.balance, 5L))));
                assertTrue(e.getMessage().contains("account.version") && e.getMessage().contains("row 0"), e.getMessage());
                assertEquals(List.of(), orm.statements);
            }
        }
    }

    // --- invalid arguments -----------------------------------------------------------------------

    @Test
    void everyInvalidArgumentRaisesAnOrmExceptionNamingIt() {
        try (OrmFixture orm = new OrmFixture(dir); Session s = orm.factory.openSession()) {
            assertNamed(() -> s.query(Stuff.class).update(Map.of(Stuff_.foo, 1), null), "Synchronize");
            assertNamed(() -> s.query(Stuff.class).delete(null), "Synchronize");
            assertNamed(() -> s.query(Stuff.class).where(null), "where(null)");
            assertNamed(() -> s.query(Stuff.class).orderBy(Stuff_.foo.asc(), null), "ordering 2");
            assertNamed(() -> s.query(Stuff.class).limit(-1), "limit(-1)");
            assertNamed(() -> s.query(Stuff.class).offset(-2), "offset(-2)");
            assertNamed(() -> s.query(null), "entityClass");
            assertNamed(() -> s.add(null), "entity");
            assertNamed(() -> s.delete(null), "entity");
            assertNamed(() -> s.execute(null), "statement");
            assertNamed(() -> s.bulkUpdate(Stuff.class, null), "rows");
            assertNull(s.get(Stuff.class, 12_345L));
            assertFalse(s.contains(null));
        }
    }

    private static void assertNamed(Executable call, String fragment) {
        OrmException e = assertThrows(OrmException.class, call);
        assertTrue(e.getMessage().contains(fragment), "'" + fragment + "' not in: " + e.getMessage());
    }
}
