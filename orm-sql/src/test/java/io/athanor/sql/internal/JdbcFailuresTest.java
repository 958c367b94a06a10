package io.athanor.sql.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.athanor.sql.ConstraintViolationException;
import io.athanor.sql.ConstraintViolationException.Kind;
import io.athanor.sql.SqlException;
import io.athanor.sql.dialect.MariaDbDialect;
import io.athanor.sql.dialect.PostgresDialect;
import io.athanor.sql.dialect.SqliteDialect;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLTransactionRollbackException;
import org.junit.jupiter.api.Test;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The translation of driver exceptions, fed the exceptions the drivers throw (the real databases'
 * side is in the kit's TransactionSuite and SqliteWritersTest; deadlocks and Galera conflicts are
 * hard to provoke on demand, so their codes are checked here).
 */
class JdbcFailuresTest {
    private static final PostgresDialect PG = new PostgresDialect();
    private static final MariaDbDialect MARIADB = new MariaDbDialect();
    private static final SqliteDialect SQLITE = new SqliteDialect();

    @Test
    void serializationFailuresDeadlocksAndLockTimeoutsAreRetryable() {
        assertTrue(JdbcFailures.translate("UPDATE", new SQLException("could not serialize access", "40001"), PG).isRetryable());
        assertTrue(JdbcFailures.translate("UPDATE", new SQLException("deadlock detected", "40P01"), PG).isRetryable());
        assertTrue(JdbcFailures.translate("UPDATE", new SQLException("could not obtain lock", "55P03"), PG).isRetryable());
        assertTrue(JdbcFailures.translate("UPDATE", new SQLTransactionRollbackException(
                "Deadlock found when trying to get lock; try restarting transaction", "40001", 1213), MARIADB).isRetryable());
        assertTrue(JdbcFailures.translate("UPDATE", new SQLException("Lock wait timeout exceeded", "HY000", 1205), MARIADB)
                .isRetryable());
        assertTrue(JdbcFailures.translate("UPDATE", new SQLException("WSREP has not yet prepared node for application use",
                "08S01", 1047), MARIADB).isRetryable());
        assertFalse(JdbcFailures.translate("UPDATE", new SQLException("Unknown command", "08S01", 1047), MARIADB).isRetryable());
        assertFalse(JdbcFailures.translate("UPDATE", new SQLException("Lock wait timeout exceeded", "HY000", 1205), PG)
                .isRetryable(), "an error number means something only to its own database");
        assertFalse(JdbcFailures.translate("SELECT", new SQLException("syntax error", "42601"), PG).isRetryable());
        assertFalse(JdbcFailures.translate("COMMIT", new SQLException("deferred check failed", "40002"), PG).isRetryable());
    }

    @Test
    void sqliteBusyAndBusySnapshotAreRetryableWithAMessageThatSaysWhatToDo() {
        SqlException busy = JdbcFailures.translate("UPDATE", new SQLiteException("[SQLITE_BUSY] The database file is locked",
                SQLiteErrorCode.SQLITE_BUSY), SQLITE);
        assertTrue(busy.isRetryable());
        assertTrue(busy.getMessage().contains("inTransaction"), busy.getMessage());
        SqlException stale = JdbcFailures.translate("UPDATE", new SQLiteException("[SQLITE_BUSY_SNAPSHOT]",
                SQLiteErrorCode.SQLITE_BUSY_SNAPSHOT), SQLITE);
        assertTrue(stale.isRetryable());
        assertTrue(stale.getMessage().contains("committed a write after this transaction began reading"), stale.getMessage());
        assertFalse(JdbcFailures.translate("UPDATE", new SQLiteException("[SQLITE_IOERR]", SQLiteErrorCode.SQLITE_IOERR), SQLITE)
                .isRetryable());
    }

    @Test
    void integrityViolationsBecomeConstraintViolationsWithoutTheValuesTheServerQuotes() {
        SQLException dup = new SQLIntegrityConstraintViolationException(
                "(conn=5) Duplicate entry 'it''s for key ''x''' for key 'account_email'", "23000", 1062);
        ConstraintViolationException e = assertInstanceOf(ConstraintViolationException.class,
                JdbcFailures.translate("INSERT", new BatchUpdateException("batch", "23000", 1062, new int[0], dup), MARIADB));
        assertEquals(Kind.UNIQUE, e.kind());
        assertEquals("account_email", e.constraintName());
        assertFalse(e.getMessage().contains("it''s"), e.getMessage());
        assertEquals(0, e.failedRow());

        ConstraintViolationException fk = assertInstanceOf(ConstraintViolationException.class, JdbcFailures.translate("INSERT",
                new SQLIntegrityConstraintViolationException("Cannot add or update a child row: a foreign key constraint fails"
                        + " (`db`.`child`, CONSTRAINT `child_parent_fk` FOREIGN KEY (`parent_id`) REFERENCES `parent` (`id`))",
                        "23000", 1452), MARIADB));
        assertEquals(Kind.FOREIGN_KEY, fk.kind());
        assertEquals("child_parent_fk", fk.constraintName());

        ConstraintViolationException check = assertInstanceOf(ConstraintViolationException.class,
                JdbcFailures.translate("INSERT", new SQLException("new row violates check constraint", "23514"), PG));
        assertEquals(Kind.CHECK, check.kind());
        assertFalse(check.isRetryable());

        SQLiteException sqlite = new SQLiteException("[SQLITE_CONSTRAINT_NOTNULL] A NOT NULL constraint failed "
                + "(NOT NULL constraint failed: account.email)", SQLiteErrorCode.SQLITE_CONSTRAINT_NOTNULL);
        ConstraintViolationException nn = assertInstanceOf(ConstraintViolationException.class,
                JdbcFailures.translate("INSERT", sqlite, SQLITE));
        assertEquals(Kind.NOT_NULL, nn.kind());
        assertEquals("account.email", nn.constraintName());
        assertSame(sqlite, nn.getCause(), "the driver's exception stays the cause");
    }

    @Test
    void theFailedRowOfABatchComesFromTheUpdateCounts() {
        SQLException cause = new SQLException("x", "23505");
        assertEquals(2, JdbcFailures.failedRow(new BatchUpdateException("x", "23505", 0, new int[] {1, 1}, cause)));
        assertEquals(1, JdbcFailures.failedRow(new BatchUpdateException("x", "23505", 0, new int[] {1, -3, -3}, cause)));
        assertEquals(1, JdbcFailures.failedRow(new BatchUpdateException(
                "Batch entry 1 INSERT INTO t VALUES (('v')) was aborted", "23505", 0, new int[] {-3, -3, -3}, cause)));
        assertEquals(-1, JdbcFailures.failedRow(cause));
    }
}
