package io.athanor.sql.spi;

import java.sql.SQLException;
import java.util.List;

/**
 * Runs the small queries a dialect's generated-key hooks need ({@link Dialect#greatestGeneratedKey},
 * {@link Dialect#lastInsertedKeyIs}, {@link Dialect#reserveKeys}) on the inserting transaction's
 * connection, each announced to the database's statement listener like any other statement.
 */
@FunctionalInterface
public interface KeyQueries {
    /** Runs {@code sql} with {@code params} bound in order; every row, as its columns' JDBC objects (null for SQL NULL). */
    List<Object[]> rows(String sql, Object... params) throws SQLException;
}
