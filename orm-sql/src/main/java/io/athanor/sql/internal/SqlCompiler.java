package io.athanor.sql.internal;

import io.athanor.sql.Column;
import io.athanor.sql.CompiledSql;
import io.athanor.sql.Delete;
import io.athanor.sql.Expression;
import io.athanor.sql.Insert;
import io.athanor.sql.Ordering;
import io.athanor.sql.Select;
import io.athanor.sql.SqlException;
import io.athanor.sql.Statement;
import io.athanor.sql.Update;
import io.athanor.sql.Table;
import io.athanor.sql.spi.Dialect;
import io.athanor.sql.spi.ValueType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns one statement into SQL text and bound values for a dialect. Every value becomes a
 * {@code ?}; every name goes through the dialect's quoting. One compiler compiles one statement:
 * this class renders the statements (SELECT with its joins, grouping, ordering and subqueries;
 * INSERT, UPDATE, DELETE with RETURNING); {@link ExpressionCompiler} renders the expressions in them.
 */
public final class SqlCompiler extends ExpressionCompiler {
    /** The table an INSERT, UPDATE or DELETE writes, or null for a SELECT. */
    private Table written;

    private SqlCompiler(Dialect dialect) {
        super(dialect);
    }

    /** Compiles {@code statement} for {@code dialect}. */
    public static CompiledSql compile(Dialect dialect, Statement statement) {
        SqlCompiler c = new SqlCompiler(dialect);
        if (statement instanceof Select s) {
            c.select(s, true);
            return c.build(statement);
        }
        c.written = statement.table();
        if (c.written.alias() != null) {
            throw new SqlException(statement.kind() + " of " + c.written + " is refused: an alias (Table.as) is for"
                    + " reading; write the table itself");
        }
        c.scopes.push(List.of(c.written), Set.of());
        if (statement instanceof Insert i) {
            c.insert(i);
        } else if (statement instanceof Update u) {
            c.update(u);
        } else if (statement instanceof Delete d) {
            c.delete(d);
        }
        return c.build(statement);
    }

    /**
     * {@code WITH "athanor_changed" AS (<dml>) SELECT 0, <key> FROM "athanor_changed" WHERE <key> IN (keys)
     * UNION ALL SELECT 1, count(*) FROM "athanor_changed"}: of the rows an UPDATE or DELETE with
     * {@code RETURNING key} (an integer key) changes, only those with one of {@code keys} come back,
     * as rows {@code (0, key)}, plus one row {@code (1, number of rows changed)}; one statement
     * (PostgreSQL's data-modifying WITH; see {@link Dialect#supportsReturningInWith()}). The statement
     * runs whole; only what comes back is filtered. Both result columns read as Long.
     */
    public static CompiledSql compileChangedAmong(Dialect dialect, Statement dml, Column<?> key, java.util.Collection<?> keys) {
        if (!dialect.supportsReturningInWith()) {
            throw new SqlException("the " + dialect.name() + " dialect has no data-modifying WITH (a RETURNING filtered by a SELECT)");
        }
        if (dml.kind() != io.athanor.sql.StatementKind.UPDATE && dml.kind() != io.athanor.sql.StatementKind.DELETE
                || keys.isEmpty()) {
            throw new IllegalArgumentException("an UPDATE or DELETE returning " + key + ", and at least one key");
        }
        List<Column<?>> returned = dml instanceof Update u ? u.returning() : ((Delete) dml).returning();
        if (!returned.equals(List.of(key)) || key.type() != Long.class && key.type() != Integer.class) {
            throw new IllegalArgumentException(dml.kind() + " must return exactly its integer key " + key + ", not " + returned);
        }
        SqlCompiler c = new SqlCompiler(dialect);
        c.written = dml.table();
        c.sql.append("WITH ");
        c.identifier("athanor_changed");
        c.sql.append(" AS (");
        c.scopes.push(List.of(c.written), Set.of());
        if (dml instanceof Update u) {
            c.update(u);
        } else {
            c.delete((Delete) dml);
        }
        c.scopes.pop();
        c.sql.append(") SELECT 0, ");
        c.identifier(key.name());
        c.sql.append(" FROM ");
        c.identifier("athanor_changed");
        c.sql.append(" WHERE ");
        c.identifier(key.name());
        c.sql.append(" IN (");
        c.context = key;
        c.inForm(c.forms.column(key), () -> {
            boolean first = true;
            for (Object k : keys) {
                c.sql.append(first ? "" : ", ");
                c.bindKey(key, k);
                first = false;
            }
        });
        c.context = null;
        c.sql.append(") UNION ALL SELECT 1, count(*) FROM ");
        c.identifier("athanor_changed");
        c.resultTypes.clear();
        c.resultNotNull.clear();
        for (int i = 0; i < 2; i++) {
            c.resultTypes.add(c.typeOf(Long.class, "a changed row"));
            c.resultNotNull.add(true);
        }
        return c.build(dml);
    }

    @SuppressWarnings("unchecked")
    private <T> void bindKey(Column<T> key, Object value) {
        bind(key.type(), key.type().cast(value));
    }

    /** Renders {@code s}; {@code top}: the statement itself (whose select list is the result), not a subquery. */
    private void select(Select s, boolean top) {
        if (s.table() == null) {
            throw new SqlException("SELECT " + s.columns() + " has no FROM table: call from(table)");
        }
        List<Table> items = new ArrayList<>();
        Set<Table> nullable = new HashSet<>();
        items.add(s.table());
        for (Select.Join j : s.joins()) {
            items.add(j.table());
            if (j.left()) {
                nullable.add(j.table());
            }
        }
        requireSubqueryAllowed(items);
        scopes.push(items, nullable);
        sql.append("SELECT ");
        List<Expression<?>> columns = s.columns();
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) {
                sql.append(", ");
            }
            Expression<?> e = columns.get(i);
            ValueType<?> form = forms.of(e);
            withForm(form, e);
            if (top) {
                resultTypes.add(form != null ? form : typeOf(e.type(), "selected " + e));
                resultNotNull.add(e instanceof Column<?> col && !col.isNullable() && !scopes.leftJoined(col));
            }
        }
        sql.append(" FROM ");
        fromItem(s.table());
        for (Select.Join j : s.joins()) {
            sql.append(j.left() ? " LEFT JOIN " : " JOIN ");
            fromItem(j.table());
            sql.append(" ON ");
            inForm(null, () -> j.on().accept(this));
        }
        where(s.where());
        for (int i = 0; i < s.groupBy().size(); i++) {
            sql.append(i == 0 ? " GROUP BY " : ", ");
            Expression<?> key = s.groupBy().get(i);
            withForm(forms.common(() -> "GROUP BY " + key, false, List.of(key)), key);
        }
        if (s.having() != null) {
            sql.append(" HAVING ");
            inForm(null, () -> s.having().accept(this));
        }
        List<Ordering> orderBy = s.orderBy();
        for (int i = 0; i < orderBy.size(); i++) {
            sql.append(i == 0 ? " ORDER BY " : ", ");
            Expression<?> key = orderBy.get(i).expression();
            withForm(forms.common(() -> "ORDER BY " + key, true, List.of(key)), key);
            if (orderBy.get(i).descending()) {
                sql.append(" DESC");
            }
        }
        if (s.limit() != null || s.offset() != null) {
            dialect.renderLimitOffset(s.limit(), s.offset(), this);
        }
        scopes.pop();
    }

    private void fromItem(Table t) {
        identifier(t.name());
        if (t.alias() != null) {
            sql.append(" AS ");
            identifier(t.alias());
        }
    }

    /** Refuses, where the dialect does, a subquery reading the table its UPDATE or DELETE writes. */
    private void requireSubqueryAllowed(List<Table> items) {
        if (written == null || dialect.subqueryMayReadWrittenTable()) {
            return;
        }
        for (Table t : items) {
            if (t.name().equals(written.name())) {
                throw new SqlException("the " + dialect.name() + " dialect refuses a subquery reading table " + written.name()
                        + " in a statement that writes it; select the keys first, then write the rows with them");
            }
        }
    }

    @Override
    void subquery(Select s) {
        Column<?> saved = context;
        Expression<?> savedStored = storedValue;
        context = null;
        storedValue = null;
        inForm(null, () -> {
            sql.append('(');
            select(s, false);
            sql.append(')');
        });
        context = saved;
        storedValue = savedStored;
    }

    private void insert(Insert i) {
        sql.append("INSERT INTO ");
        identifier(i.table().name());
        Map<Column<?>, Expression<?>> values = i.values();
        if (values.isEmpty()) {
            sql.append(" DEFAULT VALUES");
        } else {
            sql.append(" (");
            boolean first = true;
            for (Column<?> c : values.keySet()) {
                sql.append(first ? "" : ", ");
                scopes.requireWritten(c, written);
                identifier(c.name());
                first = false;
            }
            sql.append(") VALUES (");
            first = true;
            for (Map.Entry<Column<?>, Expression<?>> e : values.entrySet()) {
                sql.append(first ? "" : ", ");
                assigned(e.getKey(), e.getValue());
                first = false;
            }
            sql.append(')');
        }
        if (!i.conflictColumns().isEmpty()) {
            List<Column<?>> updated = values.keySet().stream().filter(c -> !i.conflictColumns().contains(c)).toList();
            if (values.isEmpty() || updated.isEmpty()) {
                throw new SqlException("an upsert of " + i.table().name() + " must set columns besides its conflict columns "
                        + i.conflictColumns() + ": they are what it updates");
            }
            dialect.renderUpsert(i.conflictColumns(), updated, this);
        }
        returning(i, i.returning());
    }

    /**
     * {@code INSERT INTO t (columns) [OVERRIDING SYSTEM VALUE] VALUES (...), (...), ...}: {@code rows}
     * rows of {@code insert}'s values, row {@code r} reading its placeholders from slots
     * {@code r * width + slot} of one flat array of values (see {@link Dialect#renderOverridingGeneratedKey}
     * for {@code overriding}). A plain INSERT only: no upsert, no RETURNING.
     */
    public static CompiledSql compileRows(Dialect dialect, Insert insert, int rows, int width, boolean overriding) {
        if (!insert.conflictColumns().isEmpty() || !insert.returning().isEmpty() || insert.values().isEmpty() || rows < 1) {
            throw new IllegalArgumentException("a multi-row INSERT of at least one row, with values, no upsert, no RETURNING");
        }
        SqlCompiler c = new SqlCompiler(dialect);
        c.written = insert.table();
        c.scopes.push(List.of(c.written), Set.of());
        c.sql.append("INSERT INTO ");
        c.identifier(insert.table().name());
        c.sql.append(" (");
        boolean first = true;
        for (Column<?> col : insert.values().keySet()) {
            c.sql.append(first ? "" : ", ");
            c.scopes.requireWritten(col, c.written);
            c.identifier(col.name());
            first = false;
        }
        c.sql.append(')');
        if (overriding) {
            dialect.renderOverridingGeneratedKey(c);
        }
        c.sql.append(" VALUES ");
        for (int r = 0; r < rows; r++) {
            c.slotOffset = r * width;
            c.sql.append(r == 0 ? "(" : ", (");
            first = true;
            for (Map.Entry<Column<?>, Expression<?>> e : insert.values().entrySet()) {
                c.sql.append(first ? "" : ", ");
                c.assigned(e.getKey(), e.getValue());
                first = false;
            }
            c.sql.append(')');
        }
        c.slotOffset = 0;
        return c.build(insert);
    }

    private void update(Update u) {
        if (u.values().isEmpty()) {
            throw new SqlException("UPDATE " + u.table().name() + " sets no column: call set(column, value)");
        }
        sql.append("UPDATE ");
        identifier(u.table().name());
        sql.append(" SET ");
        boolean first = true;
        for (Map.Entry<Column<?>, Expression<?>> e : u.values().entrySet()) {
            sql.append(first ? "" : ", ");
            scopes.requireWritten(e.getKey(), written);
            identifier(e.getKey().name());
            sql.append(" = ");
            assigned(e.getKey(), e.getValue());
            first = false;
        }
        where(u.where());
        returning(u, u.returning());
    }

    private void delete(Delete d) {
        sql.append("DELETE FROM ");
        identifier(d.table().name());
        where(d.where());
        returning(d, d.returning());
    }

    private void assigned(Column<?> column, Expression<?> value) {
        Column<?> saved = context;
        context = column;
        storedValue = value;
        withForm(forms.assigned(column, value), value);
        storedValue = null;
        context = saved;
    }

    private void where(Expression<Boolean> where) {
        if (where != null) {
            sql.append(" WHERE ");
            where.accept(this);
        }
    }

    private void returning(Statement statement, List<Column<?>> columns) {
        if (columns.isEmpty()) {
            return;
        }
        if (!dialect.supportsReturning(statement.kind())) {
            throw new SqlException("the " + dialect.name() + " dialect does not support RETURNING for "
                    + statement.kind() + " (table " + statement.table().name() + ")");
        }
        for (int i = 0; i < columns.size(); i++) {
            sql.append(i == 0 ? " RETURNING " : ", ");
            scopes.requireWritten(columns.get(i), written);
            identifier(columns.get(i).name());
            resultTypes.add(forms.column(columns.get(i)));
            resultNotNull.add(!columns.get(i).isNullable());
        }
    }
}
