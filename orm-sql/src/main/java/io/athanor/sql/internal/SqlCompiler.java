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
import io.athanor.sql.ast.Aggregate;
import io.athanor.sql.ast.Arithmetic;
import io.athanor.sql.ast.Between;
import io.athanor.sql.ast.CaseWhen;
import io.athanor.sql.ast.Exists;
import io.athanor.sql.ast.InSelect;
import io.athanor.sql.ast.ScalarSubquery;
import io.athanor.sql.ast.Comparison;
import io.athanor.sql.ast.ComparisonOperator;
import io.athanor.sql.ast.Concat;
import io.athanor.sql.ast.CountAll;
import io.athanor.sql.ast.ExpressionVisitor;
import io.athanor.sql.ast.FunctionCall;
import io.athanor.sql.ast.InList;
import io.athanor.sql.ast.Junction;
import io.athanor.sql.ast.Like;
import io.athanor.sql.ast.Literal;
import io.athanor.sql.ast.Not;
import io.athanor.sql.ast.NullTest;
import io.athanor.sql.ast.Param;
import io.athanor.sql.spi.Dialect;
import io.athanor.sql.spi.SqlRenderer;
import io.athanor.sql.spi.ValueType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns one statement into SQL text and bound values for a dialect. Every value becomes a
 * {@code ?}; every name goes through the dialect's quoting. One compiler compiles one statement.
 */
public final class SqlCompiler extends SqlOutput implements ExpressionVisitor<Void> {
    private final StoredForms forms;
    /** The FROM items of the statement and of the statements a subquery is nested in. */
    private final FromScopes scopes = new FromScopes();
    /** The table an INSERT, UPDATE or DELETE writes, or null for a SELECT. */
    private Table written;

    private SqlCompiler(Dialect dialect) {
        super(dialect);
        this.forms = new StoredForms(dialect);
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
            withForm(forms.common("GROUP BY " + key, false, List.of(key)), key);
        }
        if (s.having() != null) {
            sql.append(" HAVING ");
            inForm(null, () -> s.having().accept(this));
        }
        List<Ordering> orderBy = s.orderBy();
        for (int i = 0; i < orderBy.size(); i++) {
            sql.append(i == 0 ? " ORDER BY " : ", ");
            Expression<?> key = orderBy.get(i).expression();
            withForm(forms.common("ORDER BY " + key, true, List.of(key)), key);
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

    /** Renders {@code (subquery)}, its values bound as their own types. */
    private void subquery(Select s) {
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
        returning(i, i.returning());
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

    // --- SqlRenderer -------------------------------------------------------------------------------

    /** Renders an operand, in parentheses unless it is atomic, so precedence never depends on the dialect. */
    @Override
    public SqlRenderer expression(Expression<?> e) {
        boolean atomic = e instanceof Column<?> || e instanceof Literal<?> || e instanceof Param<?>
                || e instanceof FunctionCall<?> || e instanceof CountAll || e instanceof Aggregate<?>
                || e instanceof ScalarSubquery<?> || e instanceof CaseWhen<?>;
        if (!atomic) {
            sql.append('(');
        }
        e.accept(this);
        if (!atomic) {
            sql.append(')');
        }
        return this;
    }

    /** Predicates bind tighter than NOT, AND and OR in every SQL dialect, so they need no parentheses there. */
    private void predicate(Expression<Boolean> e) {
        if (e instanceof Comparison || e instanceof NullTest || e instanceof InList || e instanceof Between
                || e instanceof Like || e instanceof Exists || e instanceof InSelect) {
            e.accept(this);
        } else {
            expression(e);
        }

    // --- ExpressionVisitor -------------------------------------------------------------------------

    }

    @Override
    public Void visitColumn(Column<?> column) {
        // A column of no FROM item would be a bare name the database resolves against whatever table
        // has one (another entity's name matching this table's): FromScopes refuses it, naming it.
        String qualifier = scopes.qualifier(column);
        if (qualifier != null) {
            identifier(qualifier);
            sql.append('.');
        }
        identifier(column.name());
        return null;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Void visitLiteral(Literal<?> literal) {
        bind((Class) literal.type(), literal.value());
        return null;
    }

    @Override
    public Void visitParam(Param<?> param) {
        slot(param);
        return null;
    }

    @Override
    public Void visitComparison(Comparison c) {
        Column<?> saved = context;
        context = c.left() instanceof Column<?> col ? col : c.right() instanceof Column<?> col ? col : saved;
        boolean ordered = c.operator() != ComparisonOperator.EQ && c.operator() != ComparisonOperator.NE;
        inForm(forms.common("comparison " + c, ordered, List.of(c.left(), c.right())), () -> {
            expression(c.left());
            sql.append(' ').append(c.operator().sql()).append(' ');
            expression(c.right());
        });
        context = saved;
        return null;
    }

    @Override
    public Void visitNullTest(NullTest t) {
        expression(t.operand());
        sql.append(t.negated() ? " IS NOT NULL" : " IS NULL");
        return null;
    }

    @Override
    public Void visitInList(InList in) {
        if (in.values().isEmpty()) {
            sql.append("1 = 0"); // IN () is not valid everywhere; an empty list matches nothing
            return null;
        }
        Column<?> saved = context;
        context = in.operand() instanceof Column<?> col ? col : saved;
        List<Expression<?>> operands = new ArrayList<>(in.values());
        operands.add(0, in.operand());
        inForm(forms.common("IN " + in, false, operands), () -> {
            expression(in.operand());
            sql.append(" IN (");
            for (int i = 0; i < in.values().size(); i++) {
                sql.append(i == 0 ? "" : ", ");
                expression(in.values().get(i));
            }
            sql.append(')');
        });
        context = saved;
        return null;
    }

    @Override
    public Void visitBetween(Between b) {
        Column<?> saved = context;
        context = b.operand() instanceof Column<?> col ? col : saved;
        inForm(forms.common("BETWEEN " + b, true, List.of(b.operand(), b.low(), b.high())), () -> {
            expression(b.operand());
            sql.append(" BETWEEN ");
            expression(b.low());
            sql.append(" AND ");
            expression(b.high());
        });
        context = saved;
        return null;
    }

    @Override
    public Void visitLike(Like like) {
        expression(like.operand());
        sql.append(" LIKE ");
        expression(like.pattern());
        if (like.escape() != null) {
            // bound like any value: MariaDB reads a backslash in a string literal as an escape itself
            sql.append(" ESCAPE ");
            bind(String.class, like.escape().toString());
        }
        return null;
    }

    @Override
    public Void visitArithmetic(Arithmetic<?> a) {
        ValueType<?> form = forms.of(a);
        if (form == null) {
            // Only bound values: computed in the form of what the result meets.
            form = contextForm != null && contextForm.javaType() == a.type() ? contextForm : null;
            forms.checkArithmetic(a, form, context != null ? context : a);
        }
        // A value added to a scaled decimal is bound at its scale.
        inForm(form, () -> dialect.renderArithmetic(a, this));
        return null;
    }

    @Override
    public Void visitConcat(Concat c) {
        dialect.renderConcat(c, this);
        return null;
    }

    @Override
    public Void visitJunction(Junction j) {
        List<Expression<Boolean>> ops = j.operands();
        for (int i = 0; i < ops.size(); i++) {
            sql.append(i == 0 ? "" : j.isConjunction() ? " AND " : " OR ");
            predicate(ops.get(i));
        }
        return null;
    }

    @Override
    public Void visitNot(Not not) {
        sql.append("NOT ");
        predicate(not.operand());
        return null;
    }

    @Override
    public Void visitFunction(FunctionCall<?> f) {
        forms.of(f);
        sql.append(f.name()).append('(');
        inForm(null, () -> { // arguments are bound as their own type
            for (int i = 0; i < f.arguments().size(); i++) {
                sql.append(i == 0 ? "" : ", ");
                expression(f.arguments().get(i));
            }
        });
        sql.append(')');
        return null;
    }

    @Override
    public Void visitCountAll(CountAll countAll) {
        sql.append("COUNT(*)");
        return null;
    }

    @Override
    public Void visitAggregate(Aggregate<?> a) {
        forms.of(a);
        ValueType<?> argumentForm = forms.of(a.argument());
        if (a.function() == Aggregate.Function.AVG) {
            // PostgreSQL and MariaDB average integers as decimals rounded to their own scales: average doubles
            sql.append("AVG(CAST(");
            inForm(null, () -> expression(a.argument()));
            sql.append(" AS ").append(typeOf(Double.class, "average " + a).ddlType()).append("))");
            return null;
        }
        sql.append(a.function().name()).append('(');
        inForm(argumentForm, () -> expression(a.argument()));
        sql.append(')');
        return null;
    }

    @Override
    public Void visitExists(Exists exists) {
        sql.append("EXISTS ");
        subquery(exists.subquery());
        return null;
    }

    @Override
    public Void visitInSelect(InSelect in) {
        Column<?> saved = context;
        context = in.operand() instanceof Column<?> col ? col : saved;
        ValueType<?> form = forms.common("IN " + in, false, List.of(in.operand(), in.subquery().columns().get(0)));
        withForm(form, in.operand());
        sql.append(" IN ");
        subquery(in.subquery());
        context = saved;
        return null;
    }

    @Override
    public Void visitScalarSubquery(ScalarSubquery<?> s) {
        subquery(s.subquery());
        return null;
    }

    @Override
    public Void visitCaseWhen(CaseWhen<?> c) {
        ValueType<?> form = forms.of(c);
        sql.append("CASE");
        for (CaseWhen.Branch b : c.branches()) {
            sql.append(" WHEN ");
            inForm(null, () -> predicate(b.condition()));
            sql.append(" THEN ");
            withForm(form, b.value());
        }
        if (c.otherwise() != null) {
            sql.append(" ELSE ");
            withForm(form, c.otherwise());
        }
        sql.append(" END");
        return null;
    }
}
