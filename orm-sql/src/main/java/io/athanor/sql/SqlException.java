package io.athanor.sql;

import java.sql.SQLException;

/**
 * Unchecked failure of the SQL layer. Carries the SQL text that was running, when there was one,
 * and keeps the JDBC {@link SQLException} as its cause.
 */
public class SqlException extends RuntimeException {
    private final String sql;

    public SqlException(String message) {
        this(message, null, null);
    }

    public SqlException(String message, Throwable cause) {
        this(message, null, cause);
    }

    public SqlException(String message, String sql, Throwable cause) {
        super(sql == null ? message : message + " [SQL: " + sql + "]", cause);
        this.sql = sql;
    }

    /** The SQL text that failed, or null when the failure happened outside a statement. */
    public String sql() {
        return sql;
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
