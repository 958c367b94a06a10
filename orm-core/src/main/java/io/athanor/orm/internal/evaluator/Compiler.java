package io.athanor.orm.internal.evaluator;

import io.athanor.sql.Column;
import io.athanor.sql.Expression;
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
import io.athanor.sql.spi.Comparability;
import io.athanor.sql.spi.Dialect;
import io.athanor.sql.spi.LikeMatching;
import io.athanor.sql.spi.Storage;
import io.athanor.sql.spi.StorageRules;
import io.athanor.sql.spi.ValueType;
import java.sql.SQLDataException;
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
        if (e instanceof RelationshipCriterion r) {
            return relationship(r);
        }
        return e.accept(this);
    }

    /**
     * A criterion about related objects, answered from the loaded ones: their values are read
     * through the row ({@link ValueSource#referenced}, {@link ValueSource#elements}), which refuses
     * an object whose related objects are not loaded. Two-valued, as its SQL form is.
     */
    private Node relationship(RelationshipCriterion r) {
        Node inner = r.criteria() == null ? null : new Compiler(dialect, r.related()).compile(r.criteria());
        switch (r.kind()) {
            case HAS -> {
                Column<?> fk = r.foreignKey();
                visitColumn(fk);
                return row -> {
                    ValueSource target = row.referenced(fk);
                    return target != null && Boolean.TRUE.equals(inner.eval(target));
                };
            }
            case ANY -> {
                String collection = r.collection();
                return row -> {
                    for (ValueSource element : row.elements(collection)) {
                        if (Boolean.TRUE.equals(inner.eval(element))) {
                            return Boolean.TRUE;
                        }
                    }
                    return Boolean.FALSE;
                };
            }
            default -> {
                String collection = r.collection();
                return row -> row.elements(collection).isEmpty();
            }
        }
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
        if (column.table().alias() != null) {
            throw new Refusal("column " + column, "it is of the alias " + column.table()
                    + ", another reading of the table than the objects evaluated");
        }
        columns.add(column);
        // The row holds what the database would: the dialect's stored form of the in-memory value
        // (an object may hold nanoseconds the column drops); a value it cannot hold is unknowable.
        Node stored = stored(row -> row.value(column), column.type(), "column " + column);
        if (column.type() == Double.class) {
            // NaN is stored differently everywhere (refused, or a NaN that sorts above everything).
            return row -> {
                Object v = stored.eval(row);
                if (v != null && ((Double) v).isNaN()) {
                    throw new EvaluationException("column " + column + " holds NaN, which databases store differently");
                }
                return v;
            };
        }
        if (column.type() == String.class) {
            // The code-point order of Orders needs well-formed text, whatever a dialect's storage says.
            return row -> {
                Object v = stored.eval(row);
                if (v != null) {
                    Orders.checkWellFormed((String) v);
                }
                return v;
            };
        }
        return stored;
    }

    @Override
    public Node visitLiteral(Literal<?> literal) {
        Object given = literal.value();
        if (given instanceof Double d && d.isNaN()) {
            throw new Refusal("the value NaN", "databases store and compare NaN differently");
        }
        if (given instanceof String s && StorageRules.loneSurrogate(s) >= 0) {
            throw new Refusal("the string " + StorageRules.show(s),
                    "it holds a lone surrogate, which has no UTF-8 form: the database would get other text");
        }
        Object value;
        try {
            // bound values are stored forms too: the binder truncates, so the evaluator compares the same value
            value = given == null ? null : storage(literal.type()).stored(given);
        } catch (SQLDataException e) {
            throw new Refusal("the value " + given, "the database cannot hold it: " + e.getMessage());
        }
        return row -> value;
    }

    /**
     * {@code node}'s values in the dialect's stored form for {@code type}; a value the database cannot
     * hold makes the row unknowable (the database would refuse the statement).
     */
    Node stored(Node node, Class<?> type, String what) {
        return stored(node, storage(type), what);
    }

    /** As {@link #stored(Node, Class, String)}, in the stored form of {@code type} (a column's own value type). */
    @SuppressWarnings("unchecked")
    Node stored(Node node, ValueType<?> type, String what) {
        return stored(node, ((ValueType<Object>) type)::stored, what);
    }

    private static Node stored(Node node, Storage<Object> storage, String what) {
        return row -> {
            Object v = node.eval(row);
            if (v == null) {
                return null;
            }
            try {
                return storage.stored(v);
            } catch (SQLDataException e) {
                throw new EvaluationException(what + ": " + e.getMessage(), e);
            }
        };
    }

    /** The dialect's storage rule for {@code type} (the value type's {@code stored}); none if it has no such type. */
    @SuppressWarnings("unchecked")
    private Storage<Object> storage(Class<?> type) {
        ValueType<Object> t = (ValueType<Object>) dialect.valueType(type);
        return t == null ? v -> v : t::stored;
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
        LikeMatching matching = dialect.likeMatching();
        if (matching == null || matching == LikeMatching.NONE) {
            throw new Refusal("LIKE " + like, "the " + dialect.name() + " dialect does not vouch for how its LIKE"
                    + " compares characters (case rules differ between databases)");
        }
        return Patterns.like(like, compile(like.operand()), compile(like.pattern()), matching);
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

    @Override
    public Node visitAggregate(Aggregate<?> aggregate) {
        throw new Refusal("aggregate " + aggregate, "it computes over rows, not one object's values");
    }

    @Override
    public Node visitExists(Exists exists) {
        throw subquery(exists);
    }

    @Override
    public Node visitInSelect(InSelect in) {
        throw subquery(in);
    }

    @Override
    public Node visitScalarSubquery(ScalarSubquery<?> subquery) {
        throw subquery(subquery);
    }

    /** A subquery reads rows of the database, which the objects being evaluated are not. */
    private static Refusal subquery(Expression<?> node) {
        return new Refusal("subquery " + node, "it reads rows of the database, not the objects evaluated");
    }

    @Override
    public Node visitCaseWhen(CaseWhen<?> caseWhen) {
        throw new Refusal("CASE " + caseWhen, "the evaluator does not compute CASE (SQL's NULL conditions and"
                + " value forms); the database does");
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
