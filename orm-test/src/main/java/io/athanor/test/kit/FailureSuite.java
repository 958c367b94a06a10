package io.athanor.test.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.athanor.orm.OrmException;
import io.athanor.orm.Session;
import io.athanor.orm.Synchronize;
import io.athanor.sql.Expression;
import io.athanor.sql.Sql;
import io.athanor.sql.SqlException;
import io.athanor.test.kit.entities.KitStuff;
import io.athanor.test.kit.entities.KitStuff_;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A statement that fails in the database never costs a commit silently, on any dialect: whatever
 * session operation ran it, the transaction is rolled back at once, the session refuses work naming
 * the failure until {@code rollback()}, and {@code commit()} raises. (PostgreSQL aborts a transaction
 * on any error and its driver's COMMIT then rolls back without an error; SQLite and MariaDB carry on
 * with part of the work done. The session makes the three behave alike.)
 */
public abstract class FailureSuite extends OrmKitSuite {
    /** A criterion every database rejects when it runs the statement: a function that does not exist. */
    private static final Expression<Boolean> FAILS_IN_DATABASE =
            Sql.function("athanor_no_such_function", Integer.class, KitStuff_.foo).gt(0);

    /** Session operations that run a statement the database rejects. */
    enum FailingOperation {
        LIST(s -> s.query(KitStuff.class).where(FAILS_IN_DATABASE).list()),
        FIRST(s -> s.query(KitStuff.class).where(FAILS_IN_DATABASE).first()),
        ONE(s -> s.query(KitStuff.class).where(FAILS_IN_DATABASE).one()),
        COUNT(s -> s.query(KitStuff.class).where(FAILS_IN_DATABASE).count()),
        STREAM(s -> {
            try (Stream<KitStuff> rows = s.query(KitStuff.class).where(FAILS_IN_DATABASE).stream()) {
                rows.forEach(r -> { });
            }
        }),
        BULK_UPDATE(s -> s.query(KitStuff.class).where(FAILS_IN_DATABASE).update(Map.of(KitStuff_.foo, 0), Synchronize.NONE)),
        BULK_UPDATE_FETCH(s -> s.query(KitStuff.class).where(FAILS_IN_DATABASE).update(Map.of(KitStuff_.foo, 0), Synchronize.FETCH)),
        BULK_DELETE(s -> s.query(KitStuff.class).where(FAILS_IN_DATABASE).delete(Synchronize.NONE)),
        EXECUTE(s -> s.execute(Sql.update(KitStuff_.TABLE).set(KitStuff_.foo, 0).where(FAILS_IN_DATABASE)));

        final Consumer<Session> run;

        FailingOperation(Consumer<Session> run) {
            this.run = run;
        }
    }

    @ParameterizedTest
    @EnumSource(FailingOperation.class)
    void aFailedStatementRollsBackAtOnceAndCommitRaisesInsteadOfLosingFlushedWork(FailingOperation operation) {
        seedStuff(3);
        try (Session s = factory.openSession()) {
            KitStuff first = s.query(KitStuff.class).where(KitStuff_.foo.eq(0)).one();
            first.setFoo(100);
            s.flush();
            RuntimeException failure = assertThrows(RuntimeException.class, () -> operation.run.accept(s));
            assertTrue(failure instanceof SqlException, "the database's own error comes through: " + failure);

            OrmException refused = assertThrows(OrmException.class, s::commit, "commit after a failed statement must raise");
            assertTrue(refused.getMessage().contains("rollback()"), refused.getMessage());
            assertSame(failure, refused.getCause(), "the refusal names the original failure");
            assertEquals(0, foosInDatabase().get(0), "the flushed change was never committed");
            assertThrows(OrmException.class, () -> s.query(KitStuff.class).list(), "refuses until rollback()");
            assertThrows(OrmException.class, () -> s.get(KitStuff.class, 123_456L));
            assertThrows(OrmException.class, s::flush);

            s.rollback();
            assertEquals(0, first.getFoo(), "rollback expired the object: it reloads the committed value");
            first.setFoo(7);
            s.commit();
        }
        assertEquals(7, foosInDatabase().get(0), "the session works again after rollback()");
    }

    /** The reported case: an arithmetic overflow the server refuses, after a flush, then commit. */
    @Test
    void anOverflowingQueryAfterAFlushNeverLetsCommitReportSuccessForLostWork() {
        seedStuff(3);
        try (Session s = factory.openSession()) {
            KitStuff first = s.query(KitStuff.class).where(KitStuff_.foo.eq(0)).one();
            first.setFoo(100);
            s.flush();
            boolean failed;
            try {
                s.query(KitStuff.class).where(KitStuff_.foo.plus(1).times(2_000_000_000).times(2_000_000_000)
                        .times(2_000_000_000).gt(5)).list();
                failed = false;
            } catch (SqlException e) {
                failed = true; // PostgreSQL and MariaDB refuse the overflow; SQLite computes in REAL
            }
            if (failed) {
                assertThrows(OrmException.class, s::commit);
                assertEquals(0, foosInDatabase().get(0));
            } else {
                s.commit();
                assertEquals(100, foosInDatabase().get(0));
            }
        }
    }

    /**
     * An error the database reports only after the first rows were read (PostgreSQL's integer
     * overflow on a row beyond the first fetch of a cursor) fails the session like any other.
     */
    @Test
    void aFailureWhileAStreamIsBeingReadFailsTheSession() {
        seedStuff(1_000);
        try (Session s = factory.openSession()) {
            KitStuff first = s.query(KitStuff.class).where(KitStuff_.foo.eq(0)).one();
            first.setFoo(-5);
            int[] read = {0};
            boolean failed;
            try (Stream<KitStuff> rows = s.query(KitStuff.class).where(KitStuff_.foo.times(3_000_000).ge(0)).stream()) {
                rows.forEach(r -> read[0]++);
                failed = false;
            } catch (SqlException e) {
                failed = true;
            }
            if (failed) {
                assertThrows(OrmException.class, s::commit);
                assertEquals(0, foosInDatabase().get(0));
            } else {
                assertEquals(999, read[0], "every row but the changed one, whose foo * 3,000,000 < 0");
                s.commit();
                assertEquals(-5, foosInDatabase().get(0));
            }
        }
    }

    @Test
    void anExceptionFromTheCallersOwnStreamActionIsNotAFailedStatement() {
        seedStuff(3);
        try (Session s = factory.openSession()) {
            IllegalStateException mine = new IllegalStateException("the caller's own");
            try (Stream<KitStuff> rows = s.query(KitStuff.class).stream()) {
                assertSame(mine, assertThrows(IllegalStateException.class, () -> rows.forEach(r -> {
                    throw mine;
                })));
            }
            s.query(KitStuff.class).where(KitStuff_.foo.eq(1)).one().setFoo(11);
            s.commit();
        }
        assertEquals(11, foosInDatabase().get(1));
    }

    @Test
    void operationsThatNeedNoSqlStillWorkWhileTheSessionRefuses() {
        seedStuff(2);
        try (Session s = factory.openSession()) {
            KitStuff first = s.query(KitStuff.class).where(KitStuff_.foo.eq(0)).one();
            assertThrows(SqlException.class, () -> s.query(KitStuff.class).where(FAILS_IN_DATABASE).list());
            assertTrue(s.contains(first));
            assertFalse(s.isDirty(first));
            KitStuff fresh = new KitStuff(9, "fresh");
            s.add(fresh); // queued: flushed only after rollback() ... which forgets it again
            assertThrows(OrmException.class, s::commit);
            s.rollback();
            assertFalse(s.contains(fresh), "rollback turns pending objects transient");
        }
    }
}
