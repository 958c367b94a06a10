package io.athanor.orm.internal.evaluator;

import io.athanor.sql.Column;

/**
 * The in-memory column values of one object, as the evaluator reads them. A value must be of the
 * column's Java type, or null for SQL NULL.
 */
@FunctionalInterface
public interface ValueSource {
    /** The value of {@code column} for this row; null means SQL NULL. */
    Object value(Column<?> column);
}
