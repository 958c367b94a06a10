package io.athanor.sql;

import java.util.List;

/** {@code DELETE FROM table [WHERE ...] [RETURNING ...]}. Immutable. */
public final class Delete implements Statement {
    private final Table table;
    private final Expression<Boolean> where;
    private final List<Column<?>> returning;

    Delete(Table table, Expression<Boolean> where, List<Column<?>> returning) {
        this.table = table;
        this.where = where;
        this.returning = returning;
    }

    /** Adds a criterion, ANDed with the ones already given. Without one, every row is deleted. */
    public Delete where(Expression<Boolean> criterion) {
        return new Delete(table, Conditions.and(where, criterion), returning);
    }

    /** Columns to return from each deleted row; needs dialect support. */
    public Delete returning(Column<?>... columns) {
        return new Delete(table, where, Conditions.columnsOf(table, columns));
    }

    @Override
    public Table table() {
        return table;
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
        return StatementKind.DELETE;
    }
}
