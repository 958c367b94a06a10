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

    /**
     * The values of the object this row references through {@code foreignKey}, or null when it
     * references none.
     *
     * @throws EvaluationException when that object is not loaded (or this source has no objects)
     */
    default ValueSource referenced(Column<?> foreignKey) {
        throw new EvaluationException("the object referenced through " + foreignKey + " is not known here");
    }

    /**
     * The values of each element of this row's collection attribute {@code collection}.
     *
     * @throws EvaluationException when the collection is not loaded (or this source has no objects)
     */
    default java.util.List<ValueSource> elements(String collection) {
        throw new EvaluationException("the collection " + collection + " is not known here");
    }
}
