package io.athanor.sql.internal;

import io.athanor.sql.Column;
import io.athanor.sql.Expression;
import io.athanor.sql.Select;
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
import java.util.List;

/**
 * Renders expressions: the {@link ExpressionVisitor} half of the compiler, and the
 * {@link SqlRenderer} that dialect hooks write through. Every value becomes a {@code ?} bound in the
 * stored form of what it is compared with or assigned to ({@link StoredForms}); every column is
 * checked against the statement's FROM items ({@link FromScopes}) and qualified only where needed.
 * {@link SqlCompiler} renders the statements around them and the subqueries inside them.
 */
abstract class ExpressionCompiler extends SqlOutput implements ExpressionVisitor<Void> {
    final StoredForms forms;
    /** The FROM items of the statement and of the statements a subquery is nested in. */
    final FromScopes scopes = new FromScopes();

    ExpressionCompiler(Dialect dialect) {
        super(dialect);
        this.forms = new StoredForms(dialect);
    }

    /** Renders {@code (subquery)}, its values bound as their own types. */
    abstract void subquery(Select s);

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
        inForm(forms.common(() -> "comparison " + c, ordered, List.of(c.left(), c.right())), () -> {
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
        inForm(forms.common(() -> "IN " + in, false, operands), () -> {
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
        inForm(forms.common(() -> "BETWEEN " + b, true, List.of(b.operand(), b.low(), b.high())), () -> {
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
        ValueType<?> form = forms.common(() -> "IN " + in, false, List.of(in.operand(), in.subquery().columns().get(0)));
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
