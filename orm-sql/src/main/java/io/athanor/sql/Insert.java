package io.athanor.sql;

import java.util.List;
import java.util.Map;

/** {@code INSERT INTO table (columns) VALUES (...) [RETURNING ...]}. Immutable. */
public final class Insert implements Statement {
    private final Table table;
    private final Map<Column<?>, Expression<?>> values;
    private final List<Column<?>> returning;

    Insert(Table table, Map<Column<?>, Expression<?>> values, List<Column<?>> returning) {
        this.table = table;
        this.values = values;
        this.returning = returning;
    }

    public <T> Insert set(Column<T> column, T value) {
        return set(column, Assignments.value(column, value));
    }

    public <T> Insert set(Column<T> column, Expression<T> value) {
        return new Insert(table, Assignments.with(table, values, column, value), returning);
    }

    /** Columns to return from the inserted row (generated keys); needs dialect support. */
    public Insert returning(Column<?>... columns) {
        return new Insert(table, values, Conditions.columnsOf(table, columns));
    }

    @Override
    public Table table() {
        return table;
    }

    /** Column to value, in the order they were set. */
    public Map<Column<?>, Expression<?>> values() {
        return values;
    }

    public List<Column<?>> returning() {
        return returning;
    }

    @Override
    public StatementKind kind() {
        return StatementKind.INSERT;
    }
}
