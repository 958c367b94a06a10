package io.athanor.sql;

import io.athanor.sql.ast.Literal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code column = value} pairs of an INSERT or UPDATE, checked against the target table. */
final class Assignments {
    private Assignments() {
    }

    static Map<Column<?>, Expression<?>> with(Table table, Map<Column<?>, Expression<?>> existing,
            Column<?> column, Expression<?> value) {
        if (!column.table().name().equals(table.name())) {
            throw new IllegalArgumentException("column " + column + " is not a column of table " + table.name());
        }
        if (value.type() != column.type()) {
            throw new IllegalArgumentException("column " + column + " is " + column.type().getSimpleName()
                    + " but the value " + value + " is " + value.type().getSimpleName());
        }
        Map<Column<?>, Expression<?>> copy = new LinkedHashMap<>(existing);
        copy.put(column, value);
        return Collections.unmodifiableMap(copy);
    }

    /** Wraps a Java value for a column, failing on a value of another type (raw-typed callers). */
    static <T> Expression<T> value(Column<T> column, T value) {
        if (value != null && !column.type().isInstance(value)) {
            throw new IllegalArgumentException("column " + column + " is " + column.type().getName()
                    + " but the value " + value + " is " + value.getClass().getName());
        }
        return Literal.of(column.type(), value);
    }
}
