package io.athanor.sql;

import java.util.List;
import java.util.Map;

/** {@code UPDATE table SET ... [WHERE ...] [RETURNING ...]}. Immutable. */
public final class Update implements Statement {
    private final Table table;
    private final Map<Column<?>, Expression<?>> values;
    private final Expression<Boolean> where;
    private final List<Column<?>> returning;

    Update(Table table, Map<Column<?>, Expression<?>> values, Expression<Boolean> where, List<Column<?>> returning) {
        this.table = table;
        this.values = values;
        this.where = where;
        this.returning = returning;
    }

    public <T> Update set(Column<T> column, T value) {
        return set(column, Assignments.value(column, value));
    }

    public <T> Update set(Column<T> column, Expression<T> value) {
        return new Update(table, Assignments.with(table, values, column, value), where, returning);
    }

    /** Adds a criterion, ANDed with the ones already given. Without one, every row is updated. */
    public Update where(Expression<Boolean> criterion) {
        return new Update(table, values, Conditions.and(where, criterion), returning);
    }

    /** Columns to return from each updated row; needs dialect support. */
    public Update returning(Column<?>... columns) {
        return new Update(table, values, where, Conditions.columnsOf(table, columns));
    }

    @Override
    public Table table() {
        return table;
    }

    public Map<Column<?>, Expression<?>> values() {
        return values;
    }

    /** The combined criteria, or null. */
    public Expression<Boolean> where() {
        return where;
    }

    public List<Column<?>> returning() {
        return returning;
    }

    @Override
    public StatementKind kind() {
        return StatementKind.UPDATE;
    }
}
