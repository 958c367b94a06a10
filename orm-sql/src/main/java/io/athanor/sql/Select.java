package io.athanor.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code SELECT columns FROM table [WHERE ...] [ORDER BY ...] [LIMIT n] [OFFSET m]}.
 * Immutable: each method returns a new {@code Select}.
 */
public final class Select implements Statement {
    private final List<Expression<?>> columns;
    private final Table table;
    private final Expression<Boolean> where;
    private final List<Ordering> orderBy;
    private final Integer limit;
    private final Integer offset;

    Select(List<Expression<?>> columns, Table table, Expression<Boolean> where, List<Ordering> orderBy,
            Integer limit, Integer offset) {
        this.columns = List.copyOf(columns);
        this.table = table;
        this.where = where;
        this.orderBy = List.copyOf(orderBy);
        this.limit = limit;
        this.offset = offset;
    }

    /** The table to read; when no columns were named, all of its columns are selected. */
    public Select from(Table from) {
        Objects.requireNonNull(from, "table");
        return new Select(columns.isEmpty() ? List.copyOf(from.columns()) : columns, from, where, orderBy, limit, offset);
    }

    /** Adds a criterion, ANDed with the ones already given. */
    public Select where(Expression<Boolean> criterion) {
        return new Select(columns, table, Conditions.and(where, criterion), orderBy, limit, offset);
    }

    /** Appends ORDER BY items. */
    public Select orderBy(Ordering... items) {
        List<Ordering> all = new ArrayList<>(orderBy);
        all.addAll(List.of(items));
        return new Select(columns, table, where, all, limit, offset);
    }

    public Select limit(int rows) {
        if (rows < 0) {
            throw new IllegalArgumentException("limit must be >= 0: " + rows);
        }
        return new Select(columns, table, where, orderBy, rows, offset);
    }

    public Select offset(int rows) {
        if (rows < 0) {
            throw new IllegalArgumentException("offset must be >= 0: " + rows);
        }
        return new Select(columns, table, where, orderBy, limit, rows);
    }

    public List<Expression<?>> columns() {
        return columns;
    }

    @Override
    public Table table() {
        return table;
    }

    /** The combined criteria, or null. */
    public Expression<Boolean> where() {
        return where;
    }

    public List<Ordering> orderBy() {
        return orderBy;
    }

    /** The row limit, or null. */
    public Integer limit() {
        return limit;
    }

    /** The rows to skip, or null. */
    public Integer offset() {
        return offset;
    }

    @Override
    public StatementKind kind() {
        return StatementKind.SELECT;
    }
}
