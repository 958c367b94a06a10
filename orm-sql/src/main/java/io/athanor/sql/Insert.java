package io.athanor.sql;

import java.util.List;
import java.util.Map;

/** {@code INSERT INTO table (columns) VALUES (...) [RETURNING ...]}. Immutable. */
public final class Insert implements Statement {
    private final Table table;
    private final Map<Column<?>, Expression<?>> values;
    private final List<Column<?>> returning;
    private final List<Column<?>> conflictColumns;

    Insert(Table table, Map<Column<?>, Expression<?>> values, List<Column<?>> returning) {
        this(table, values, returning, List.of());
    }

    private Insert(Table table, Map<Column<?>, Expression<?>> values, List<Column<?>> returning,
            List<Column<?>> conflictColumns) {
        this.table = table;
        this.values = values;
        this.returning = returning;
        this.conflictColumns = conflictColumns;
    }

    public <T> Insert set(Column<T> column, T value) {
        return set(column, Assignments.value(column, value));
    }

    public <T> Insert set(Column<T> column, Expression<T> value) {
        return new Insert(table, Assignments.with(table, values, column, value), returning, conflictColumns);
    }

    /**
     * An upsert: when a row with the same values of {@code columns} (a primary key or unique
     * constraint) exists, update its other set columns to this statement's values instead of
     * inserting. PostgreSQL and SQLite: {@code ON CONFLICT (...) DO UPDATE}; MariaDB:
     * {@code ON DUPLICATE KEY UPDATE} (which takes any unique key that conflicts). A dialect without
     * an upsert refuses it when the statement is compiled.
     */
    public Insert onConflictUpdate(Column<?>... columns) {
        List<Column<?>> conflict = Conditions.columnsOf(table, columns);
        if (conflict.isEmpty()) {
            throw new IllegalArgumentException("onConflictUpdate() needs the conflict columns of " + table.name());
        }
        return new Insert(table, values, returning, conflict);
    }

    /** Columns to return from the inserted row (generated keys); needs dialect support. */
    public Insert returning(Column<?>... columns) {
        return new Insert(table, values, Conditions.columnsOf(table, columns), conflictColumns);
    }

    /** The conflict columns of an upsert ({@link #onConflictUpdate}); empty for a plain INSERT. */
    public List<Column<?>> conflictColumns() {
        return conflictColumns;
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
