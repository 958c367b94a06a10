package io.athanor.orm.internal.evaluator;

import io.athanor.sql.Column;
import java.util.Set;

/** A SET value expression compiled for computation in Java from an object's in-memory values. Thread-safe. */
public interface CompiledValue {
    /**
     * The value the database would store for {@code row}, null for SQL NULL.
     *
     * @throws EvaluationException when this row's value cannot be known in Java; the caller expires
     *     the attribute instead
     */
    Object compute(ValueSource row);

    /** The columns the expression reads. */
    Set<Column<?>> columns();
}
