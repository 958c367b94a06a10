package io.athanor.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code SELECT columns FROM table [[LEFT] JOIN table ON ...]... [WHERE ...] [GROUP BY ...]
 * [HAVING ...] [ORDER BY ...] [LIMIT n] [OFFSET m]}. Immutable: each method returns a new
 * {@code Select}.
 *
 * <p>The FROM items are the {@link #from} table and the joined ones; a table read twice needs an
 * alias ({@link Table#as}). Every column the statement names must be of one of its FROM items, or,
 * in a subquery, of one of its enclosing statements' (a correlated subquery); the compiler refuses
 * any other, naming it. When a statement reads more than one FROM item, or a subquery refers to an
 * enclosing statement's, its columns are written qualified ({@code "alias"."column"}).
 */
public final class Select implements Statement {
    /** One {@code [LEFT] JOIN table ON condition}. */
    public record Join(Table table, Expression<Boolean> on, boolean left) {
        public Join {
            Objects.requireNonNull(table, "joined table");
            Objects.requireNonNull(on, "ON condition of the join of " + table);
        }
    }

    private final List<Expression<?>> columns;
    private final Table table;
    private final List<Join> joins;
    private final Expression<Boolean> where;
    private final List<Expression<?>> groupBy;
    private final Expression<Boolean> having;
    private final List<Ordering> orderBy;
    private final Integer limit;
    private final Integer offset;

    Select(List<Expression<?>> columns, Table table, Expression<Boolean> where, List<Ordering> orderBy,
            Integer limit, Integer offset) {
        this(columns, table, List.of(), where, List.of(), null, orderBy, limit, offset);
    }

    private Select(List<Expression<?>> columns, Table table, List<Join> joins, Expression<Boolean> where,
            List<Expression<?>> groupBy, Expression<Boolean> having, List<Ordering> orderBy, Integer limit, Integer offset) {
        this.columns = List.copyOf(columns);
        this.table = table;
        this.joins = List.copyOf(joins);
        this.where = where;
        this.groupBy = List.copyOf(groupBy);
        this.having = having;
        this.orderBy = List.copyOf(orderBy);
        this.limit = limit;
        this.offset = offset;
    }

    /** The table to read; when no columns were named, all of its columns are selected. */
    public Select from(Table from) {
        Objects.requireNonNull(from, "table");
        return new Select(columns.isEmpty() ? List.copyOf(from.columns()) : columns, from, joins, where, groupBy,
                having, orderBy, limit, offset);
    }

    /** Adds {@code JOIN joined ON on}: the rows of both where {@code on} is TRUE. */
    public Select join(Table joined, Expression<Boolean> on) {
        return withJoin(new Join(joined, on, false));
    }

    /**
     * Adds {@code LEFT JOIN joined ON on}: as {@link #join}, plus each row without a match once, with
     * the joined table's columns NULL (so they are read as null whatever their declared nullability).
     */
    public Select leftJoin(Table joined, Expression<Boolean> on) {
        return withJoin(new Join(joined, on, true));
    }

    private Select withJoin(Join join) {
        List<Join> all = new ArrayList<>(joins);
        all.add(join);
        return new Select(columns, table, all, where, groupBy, having, orderBy, limit, offset);
    }

    /** Adds a criterion, ANDed with the ones already given. */
    public Select where(Expression<Boolean> criterion) {
        return new Select(columns, table, joins, Conditions.and(where, criterion), groupBy, having, orderBy, limit, offset);
    }

    /** Appends GROUP BY items. */
    public Select groupBy(Expression<?>... items) {
        List<Expression<?>> all = new ArrayList<>(groupBy);
        for (Expression<?> e : items) {
            all.add(Objects.requireNonNull(e, "GROUP BY item"));
        }
        return new Select(columns, table, joins, where, all, having, orderBy, limit, offset);
    }

    /** Adds a HAVING criterion (over groups, so typically on aggregates), ANDed with the ones already given. */
    public Select having(Expression<Boolean> criterion) {
        return new Select(columns, table, joins, where, groupBy, Conditions.and(having, criterion), orderBy, limit, offset);
    }

    /** Appends ORDER BY items. */
    public Select orderBy(Ordering... items) {
        List<Ordering> all = new ArrayList<>(orderBy);
        all.addAll(List.of(items));
        return new Select(columns, table, joins, where, groupBy, having, all, limit, offset);
    }

    public Select limit(int rows) {
        if (rows < 0) {
            throw new IllegalArgumentException("limit must be >= 0: " + rows);
        }
        return new Select(columns, table, joins, where, groupBy, having, orderBy, rows, offset);
    }

    public Select offset(int rows) {
        if (rows < 0) {
            throw new IllegalArgumentException("offset must be >= 0: " + rows);
        }
        return new Select(columns, table, joins, where, groupBy, having, orderBy, limit, rows);
    }

    public List<Expression<?>> columns() {
        return columns;
    }

    /** The FROM table (the first FROM item). */
    @Override
    public Table table() {
        return table;
    }

    /** The joined FROM items, in order. */
    public List<Join> joins() {
        return joins;
    }

    /** The combined criteria, or null. */
    public Expression<Boolean> where() {
        return where;
    }

    public List<Expression<?>> groupBy() {
        return groupBy;
    }

    /** The combined HAVING criteria, or null. */
    public Expression<Boolean> having() {
        return having;
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
