package io.athanor.sql;

import io.athanor.sql.internal.JdbcFailures;
import java.sql.SQLException;

/**
 * Unchecked failure of the SQL layer. Carries the SQL text that was running, when there was one,
 * and keeps the JDBC {@link SQLException} as its cause. {@link #isRetryable()} says whether running
 * the whole transaction again may succeed (serialization failures, deadlocks, lock timeouts, SQLite
 * write conflicts); {@code SessionFactory.inTransaction} retries exactly those.
 */
public class SqlException extends RuntimeException {
    private final String sql;
    private final boolean retryable;

    public SqlException(String message) {
        this(message, null, null);
    }

    public SqlException(String message, Throwable cause) {
        this(message, null, cause);
    }

    public SqlException(String message, String sql, Throwable cause) {
        this(message, sql, cause, false);
    }

    /**
     * @param retryable true if the transaction failed because of concurrent work and running it again
     *     from the start may succeed
     */
    public SqlException(String message, String sql, Throwable cause, boolean retryable) {
        super(sql == null ? message : message + " [SQL: " + sql + "]", cause);
        this.sql = sql;
        this.retryable = retryable;
    }

    /** The SQL text that failed, or null when the failure happened outside a statement. */
    public String sql() {
        return sql;
    }

    /**
     * True when the transaction lost a race with another one (serialization failure, deadlock, lock
     * wait timeout, Galera certification conflict, SQLite BUSY or BUSY_SNAPSHOT): roll back and run
     * the transaction again from its start, as {@code SessionFactory.inTransaction} does.
     */
    public boolean isRetryable() {
        return retryable;
    }

    /**
     * For a failed batch (or several rows inserted one by one), the index of the row whose statement
     * failed, when the driver tells (by the update counts of its {@code BatchUpdateException}, or
     * pgjdbc's "Batch entry N"); -1 when it does not (sqlite-jdbc never does).
     */
    public int failedRow() {
        return JdbcFailures.failedRow(getCause());
    }

    /** The SQLState of the JDBC cause, or null. */
    public String sqlState() {
        for (Throwable t = getCause(); t != null; t = t.getCause()) {
            if (t instanceof SQLException e && e.getSQLState() != null) {
                return e.getSQLState();
            }
        }
        return null;
    }
}
