package io.athanor.sql.spi;

import io.athanor.sql.Expression;

/**
 * What a dialect hook writes SQL with. Values go through {@link #bind}, never into the text;
 * names go through {@link #identifier}, which quotes them.
 */
public interface SqlRenderer {
    /** Appends SQL keywords or punctuation. Never user data. */
    SqlRenderer sql(String text);

    /** Appends an expression, rendered by the compiler (with parentheses where needed). */
    SqlRenderer expression(Expression<?> expression);

    /** Appends a quoted identifier. */
    SqlRenderer identifier(String name);

    /** Appends a parameter marker bound to {@code value}. */
    <T> SqlRenderer bind(Class<T> type, T value);

    /**
     * True when {@code e} is the whole value the statement stores into a column (a SET or INSERT
     * value), so the column's own constraints judge the result. A dialect may render such a value
     * more cheaply than the same expression in a criterion (SQLite: integer arithmetic there is
     * guarded by the column's CHECK constraint instead of a per-row overflow check).
     */
    default boolean isStoredValue(Expression<?> e) {
        return false;
    }
}
