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
}
