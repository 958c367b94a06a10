package io.athanor.sql;

import java.util.List;

/**
 * Told about every statement the {@link Database} runs, just before it runs; for metrics, tests
 * and tracing. Must be fast and must not throw.
 */
@FunctionalInterface
public interface StatementListener {
    /**
     * @param sql the SQL text
     * @param kind the statement kind, or null for DDL and other raw SQL
     * @param rows the number of parameter rows (greater than 1 for a JDBC batch), or of rows in the
     *     VALUES of a multi-row INSERT
     * @param firstRowValues the values bound for the first row (for a multi-row INSERT, all its values)
     */
    void beforeExecute(String sql, StatementKind kind, int rows, List<Object> firstRowValues);
}
