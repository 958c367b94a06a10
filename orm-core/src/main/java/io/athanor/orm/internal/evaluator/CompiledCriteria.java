package io.athanor.orm.internal.evaluator;

import io.athanor.sql.Column;
import java.util.Set;

/** WHERE criteria compiled for evaluation in Java over objects' in-memory values. Thread-safe. */
public interface CompiledCriteria {
    /**
     * The SQL truth value of the criteria for {@code row}: TRUE, FALSE or null (UNKNOWN); only TRUE
     * matches.
     *
     * @throws EvaluationException when this row's result cannot be known in Java (e.g. an overflow
     *     that the database would handle its own way); the caller expires the object instead
     */
    Boolean test(ValueSource row);

    /** The columns the criteria read; an object with any of them expired cannot be tested. */
    Set<Column<?>> columns();
}
