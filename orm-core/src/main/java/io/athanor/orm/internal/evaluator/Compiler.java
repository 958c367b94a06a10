package io.athanor.orm.internal.evaluator;

import io.athanor.sql.Column;
import io.athanor.sql.Expression;
import io.athanor.sql.Table;
import io.athanor.sql.ast.Arithmetic;
import io.athanor.sql.ast.Between;
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
import io.athanor.sql.spi.Comparability;
import io.athanor.sql.spi.Dialect;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns one expression tree into a tree of {@link Node} closures, deciding once, at compile time,
 * everything that does not depend on the row (types, operators, what the dialect vouches for).
 * Refusals travel up the visitor as {@link Refusal} and leave {@link Evaluator} as the checked
 * {@link UnevaluableException}. One instance per compilation; not thread-safe.
 */
final class Compiler implements ExpressionVisitor<Node> {
    private final Dialect dialect;
    private final Table table;
    private final Set<Column<?>> columns = new LinkedHashSet<>();

    Compiler(Dialect dialect, Table table) {
        this.dialect = dialect;
        this.table = table;
    }

    /** The columns read by everything compiled so far. */
    Set<Column<?>> columns() {
        return columns;
    }

    Node compile(Expression<?> e) {
        return e.accept(this);
    }

    private Node[] compileAll(List<? extends Expression<?>> expressions) {
        Node[] nodes = new Node[expressions.size()];
        for (int i = 0; i < nodes.length; i++) {
            nodes[i] = compile(expressions.get(i));
        }
        return nodes;
    }

    @Override
    public Node visitColumn(Column<?> column) {
        if (!column.table().name().equals(table.name())) {
            throw new Refusal("column " + column, "it belongs to table " + column.table().name()
                    + ", not to " + table.name() + ", whose objects are evaluated");
        }
        columns.add(column);
        if (column.type() == Double.class) {
            // An in-memory NaN has no SQL counterpart (SQLite stores NULL, PostgreSQL a NaN that
            // sorts above everything), so a row holding one is unknowable.
            return row -> {
                Object v = row.value(column);
                if (v != null && ((Double) v).isNaN()) {
                    throw new EvaluationException("column " + column + " holds NaN, which databases store differently");
                }
                return v;
            };
        }
        if (column.type() == String.class) {
            // The database holds other text than a string with a lone surrogate (see Orders).
            return row -> {
                Object v = row.value(column);
                if (v != null) {
                    Orders.checkWellFormed((String) v);
                }
                return v;
            };
        }
        return row -> row.value(column);
    }

    @Override
    public Node visitLiteral(Literal<?> literal) {
        Object value = literal.value();
        if (value instanceof Double d && d.isNaN()) {
            throw new Refusal("the value NaN", "databases store and compare NaN differently");
        }
        if (value instanceof String s && Orders.loneSurrogate(s) >= 0) {
            throw new Refusal("the string " + literal.toString().replace(s, Orders.escape(s)),
                    "it holds a lone surrogate, which has no UTF-8 form: the database would get other text");
        }
        return row -> value;
    }

    @Override
    public Node visitParam(Param<?> param) {
        throw new Refusal("parameter " + param, "its value is only supplied per batch row at execution");
    }

    @Override
    public Node visitComparison(Comparison c) {
        Order order = order(c.left().type(), comparability(c.left(), c.right()), isOrdering(c.operator()),
                "comparison " + c);
        return Logic.compare(c.operator(), compile(c.left()), compile(c.right()), order);
    }

    @Override
    public Node visitNullTest(NullTest test) {
        return Logic.nullTest(compile(test.operand()), test.negated());
    }

    @Override
    public Node visitInList(InList in) {
        List<Expression<?>> operands = new ArrayList<>(in.values());
        operands.add(in.operand());
        Order order = order(in.operand().type(), comparability(operands.toArray(Expression<?>[]::new)), false, "IN " + in);
        return Logic.in(compile(in.operand()), compileAll(in.values()), order);
    }

    @Override
    public Node visitBetween(Between b) {
        Class<?> type = b.operand().type();
        if (b.low().type() != type || b.high().type() != type) {
            throw new Refusal("BETWEEN " + b, "its bounds are not of the operand's type " + type.getSimpleName());
        }
        Order order = order(type, comparability(b.operand(), b.low(), b.high()), true, "BETWEEN " + b);
        return Logic.between(compile(b.operand()), compile(b.low()), compile(b.high()), order);
    }

    @Override
    public Node visitLike(Like like) {
        throw new Refusal("LIKE " + like, "case rules differ between databases");
    }

    @Override
    public Node visitArithmetic(Arithmetic<?> a) {
        Class<?> type = a.type();
        if (!dialect.arithmeticMatchesJava(type)) {
            throw new Refusal("arithmetic " + a, "the " + dialect.name() + " dialect does not vouch that "
                    + type.getSimpleName() + " arithmetic matches Java's");
        }
        if (!Arithmetics.implemented(type)) {
            throw new Refusal("arithmetic " + a, "the evaluator has no " + type.getSimpleName()
                    + " arithmetic (precision and scale rules differ between databases)");
        }
        return Arithmetics.arithmetic(a, compile(a.left()), compile(a.right()), dialect.divisionByZeroIsNull());
    }

    @Override
    public Node visitConcat(Concat c) {
        return Arithmetics.concat(compile(c.left()), compile(c.right()));
    }

    @Override
    public Node visitJunction(Junction j) {
        Node[] operands = compileAll(j.operands());
        if (operands.length == 1) {
            return operands[0];
        }
        return j.isConjunction() ? Logic.and(operands) : Logic.or(operands);
    }

    @Override
    public Node visitNot(Not not) {
        return Logic.not(compile(not.operand()));
    }

    @Override
    public Node visitFunction(FunctionCall<?> function) {
        throw new Refusal("function " + function, "functions are not evaluated in Java (their results depend on"
                + " the database)");
    }

    @Override
    public Node visitCountAll(CountAll countAll) {
        throw new Refusal("aggregate " + countAll, "it counts rows, not one object's values");
    }

    private static boolean isOrdering(ComparisonOperator op) {
        return op != ComparisonOperator.EQ && op != ComparisonOperator.NE;
    }

    /**
     * How the database compares these operands: as the columns among them (directly or in arithmetic)
     * are stored, the weakest if they differ; as their type when none is a column.
     */
    private Comparability comparability(Expression<?>... operands) {
        Comparability weakest = null;
        for (Expression<?> e : operands) {
            for (Column<?> column : columnsOf(e, new ArrayList<>())) {
                Comparability c = dialect.comparability(column);
                weakest = weakest == null || c.ordinal() > weakest.ordinal() ? c : weakest;
            }
        }
        return weakest != null ? weakest : dialect.comparability(operands[0].type());
    }

    private static List<Column<?>> columnsOf(Expression<?> e, List<Column<?>> out) {
        if (e instanceof Column<?> c) {
            out.add(c);
        } else if (e instanceof Arithmetic<?> a) {
            columnsOf(a.left(), out);
            columnsOf(a.right(), out);
        }
        return out;
    }

    /** The order for comparing {@code type} values, or a refusal naming {@code construct}. */
    private Order order(Class<?> type, Comparability comparability, boolean ordering, String construct) {
        if (type == byte[].class) {
            throw new Refusal(construct, "byte[] values are not compared in Java (blob comparison rules differ)");
        }
        if (comparability == Comparability.NONE) {
            throw new Refusal(construct, "the " + dialect.name() + " dialect does not vouch that "
                    + type.getSimpleName() + " values compare as in Java");
        }
        if (ordering && comparability != Comparability.ORDERED) {
            throw new Refusal(construct, "the " + dialect.name() + " dialect vouches only for equality of "
                    + type.getSimpleName() + " values, not their order");
        }
        Order order = Orders.of(type, ordering);
        if (order == null) {
            throw new Refusal(construct, "the evaluator has no order for " + type.getSimpleName() + " values");
        }
        return order;
    }

    /** A refusal on its way out of the visitor; unwrapped by {@link Evaluator}. */
    static final class Refusal extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refusal(String construct, String reason) {
            super(null, new UnevaluableException(construct, reason), false, false);
        }

        UnevaluableException unevaluable() {
            return (UnevaluableException) getCause();
        }
    }
}
