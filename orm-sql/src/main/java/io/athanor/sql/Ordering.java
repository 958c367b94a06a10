package io.athanor.sql;

import java.util.Objects;

/**
 * One ORDER BY item: an expression and its direction.
 *
 * @param expression what to sort by
 * @param descending true for {@code DESC}
 */
public record Ordering(Expression<?> expression, boolean descending) {
    public Ordering {
        Objects.requireNonNull(expression, "expression");
    }
}
