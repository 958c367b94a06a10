package io.athanor.sql.internal;

import io.athanor.sql.Column;
import io.athanor.sql.Expression;
import io.athanor.sql.SqlException;
import io.athanor.sql.ast.Aggregate;
import io.athanor.sql.ast.Arithmetic;
import io.athanor.sql.ast.CaseWhen;
import io.athanor.sql.ast.ScalarSubquery;
import java.math.BigDecimal;
import java.util.ArrayList;
import io.athanor.sql.ast.ArithmeticOperator;
import io.athanor.sql.ast.FunctionCall;
import io.athanor.sql.ast.Literal;
import io.athanor.sql.ast.Param;
import io.athanor.sql.spi.Dialect;
import io.athanor.sql.spi.UnsupportedTypeException;
import io.athanor.sql.spi.ValueType;
import java.util.List;

/**
 * The stored form of expressions (the {@link ValueType} their SQL values are in) for one dialect,
 * and the checks that SQL compares and computes them as the values they stand for. Most forms are
 * the values themselves; the exceptions are a dialect's decimals stored as scaled integers
 * ({@link ValueType#storedScale()}: comparable and addable only at one scale, opaque to functions)
 * or as text ({@link ValueType#equalityOnly()}). A bound value has no form of its own: it is bound
 * in the form of what it is compared with or assigned to. Every refusal names the expression.
 */
final class StoredForms {
    private final Dialect dialect;

    StoredForms(Dialect dialect) {
        this.dialect = dialect;
    }

    /** The form of {@code e}, or null for a bound value or arithmetic over bound values only. */
    ValueType<?> of(Expression<?> e) {
        if (e instanceof Column<?> c) {
            return column(c);
        }
        if (e instanceof Literal<?> || e instanceof Param<?>) {
            return null;
        }
        if (e instanceof Arithmetic<?> a) {
            return arithmetic(a);
        }
        if (e instanceof Aggregate<?> a) {
            return aggregate(a);
        }
        if (e instanceof ScalarSubquery<?> s) {
            ValueType<?> form = of(s.subquery().columns().get(0));
            return form != null ? form : plain(e.type(), e);
        }
        if (e instanceof CaseWhen<?> c) {
            List<Expression<?>> values = new ArrayList<>();
            c.branches().forEach(b -> values.add(b.value()));
            if (c.otherwise() != null) {
                values.add(c.otherwise());
            }
            return common(() -> "CASE " + c, false, values);
        }
        if (e instanceof FunctionCall<?> f) {
            for (Expression<?> argument : f.arguments()) {
                ValueType<?> form = of(argument);
                if (form != null && form.storedScale() >= 0) {
                    throw new SqlException("cannot pass " + argument + " to " + f + ": the " + dialect.name()
                            + " dialect stores it as an integer scaled by 10^" + form.storedScale()
                            + ", which is what the function would see");
                }
            }
        }
        return plain(e.type(), e);
    }

    /**
     * The form an aggregate's values come back in, which is what its result is read with: COUNT a
     * Long; SUM of integers a Long, of floating point a Double; AVG a Double (its argument cast to
     * double); SUM, MIN and MAX of a decimal the decimal's form (the sum of integers scaled by 10^s is
     * scaled by 10^s). Refused where SQL would not compute on the values they stand for: SUM of
     * decimals stored as text (floating point), MIN and MAX of them (text order).
     */
    private ValueType<?> aggregate(Aggregate<?> a) {
        ValueType<?> argument = of(a.argument());
        Aggregate.Function fn = a.function();
        boolean keepsForm = fn == Aggregate.Function.MIN || fn == Aggregate.Function.MAX
                || (fn == Aggregate.Function.SUM && a.type() == BigDecimal.class);
        if (!keepsForm || argument == null) {
            return plain(a.type(), a);
        }
        if (argument.equalityOnly()) {
            throw new SqlException(a + " is refused: the " + dialect.name() + " dialect stores " + describe(a.argument())
                    + " as text, which SQL would " + (fn == Aggregate.Function.SUM ? "sum in floating point" : "order as text")
                    + declareScale(a.argument()));
        }
        return argument;
    }

    /** How {@code column} is stored. */
    ValueType<?> column(Column<?> column) {
        ValueType<?> t = dialect.valueType(column);
        if (t == null) {
            throw new UnsupportedTypeException(dialect, column.type(), "column " + column);
        }
        return t;
    }

    /**
     * The one form in which {@code operands} are compared in {@code construct} (described only when
     * something is refused: describing a 500-key IN list costs more than compiling it): they must agree on it,
     * and an ordering ({@code ordered}: {@code < <= > >=}, BETWEEN, ORDER BY) needs a form that SQL orders.
     */
    ValueType<?> common(java.util.function.Supplier<String> construct, boolean ordered, List<? extends Expression<?>> operands) {
        ValueType<?> form = null;
        Expression<?> from = null;
        for (Expression<?> e : operands) {
            ValueType<?> f = of(e);
            if (f != null && form != null && !compatible(form, f)) {
                throw mismatch(construct.get(), from, form, e, f);
            }
            if (f != null && form == null) {
                form = f;
                from = e;
            }
        }
        if (form == null) {
            form = plain(operands.get(0).type(), operands.get(0));
            from = operands.get(0);
        }
        if (ordered && form.equalityOnly()) {
            throw new SqlException(construct.get() + " is refused: the " + dialect.name() + " dialect stores " + describe(from)
                    + " as text, on which only =, <> and IN compare numbers (text order is not number order)"
                    + declareScale(from));
        }
        return form;
    }

    /** Checks that {@code value} can be stored in {@code column} as it is computed; the column's form. */
    ValueType<?> assigned(Column<?> column, Expression<?> value) {
        ValueType<?> target = column(column);
        ValueType<?> f = of(value);
        if (f != null && !compatible(target, f)) {
            throw mismatch("setting " + column + " to " + value, column, target, value, f);
        }
        return target;
    }

    private ValueType<?> arithmetic(Arithmetic<?> a) {
        ValueType<?> left = of(a.left());
        ValueType<?> right = of(a.right());
        if (left != null && right != null && !compatible(left, right)) {
            throw mismatch(a.toString(), a.left(), left, a.right(), right);
        }
        ValueType<?> form = left != null ? left : right;
        if (form != null) {
            checkArithmetic(a, form, left != null ? a.left() : a.right());
        }
        return form;
    }

    /**
     * Checks that SQL computes {@code a} exactly in {@code form}: the form of its operands, or of what it
     * is compared with or assigned to when they are all bound values (null: their plain type).
     */
    void checkArithmetic(Arithmetic<?> a, ValueType<?> form, Expression<?> operand) {
        ValueType<?> f = form != null ? form : plain(a.type(), a);
        if (f.equalityOnly()) {
            throw new SqlException("arithmetic " + a + " is refused: the " + dialect.name() + " dialect stores "
                    + describe(operand) + " as text, and SQL would compute it in floating point" + declareScale(operand));
        }
        if (f.storedScale() >= 0 && a.operator() != ArithmeticOperator.PLUS && a.operator() != ArithmeticOperator.MINUS) {
            throw new SqlException("arithmetic " + a + " is refused: the " + dialect.name() + " dialect stores "
                    + describe(operand) + " as an integer scaled by 10^" + f.storedScale()
                    + ", on which SQL adds and subtracts exactly but cannot " + verb(a.operator())
                    + " exactly; compute it in Java");
        }
    }

    private static String verb(ArithmeticOperator op) {
        return switch (op) {
            case TIMES -> "multiply";
            case DIVIDE -> "divide";
            case MOD -> "take a remainder";
            default -> op.sql();
        };
    }

    private ValueType<?> plain(Class<?> type, Expression<?> e) {
        ValueType<?> t = dialect.valueType(type);
        if (t == null) {
            throw new UnsupportedTypeException(dialect, type, e.toString());
        }
        return t;
    }

    /** Forms whose stored values SQL compares with each other as the values they stand for. */
    private static boolean compatible(ValueType<?> a, ValueType<?> b) {
        return a.javaType() != b.javaType() || a.storedScale() == b.storedScale();
    }

    private SqlException mismatch(String construct, Expression<?> a, ValueType<?> fa, Expression<?> b, ValueType<?> fb) {
        return new SqlException(construct + " is refused: the " + dialect.name() + " dialect stores " + describe(a)
                + " as " + shape(fa) + " but " + describe(b) + " as " + shape(fb)
                + ", which SQL would not compare as numbers; declare both with the same scale");
    }

    private static String shape(ValueType<?> form) {
        return form.storedScale() >= 0 ? "an integer scaled by 10^" + form.storedScale() : form.ddlType();
    }

    private static String describe(Expression<?> e) {
        return e instanceof Column<?> ? "column " + e : e.toString();
    }

    private static String declareScale(Expression<?> e) {
        return e instanceof Column<?> c && !c.hasDeclaredScale()
                ? "; declare the column's scale (@Column(scale = ...), or Table.Builder.decimal) to store it as an exact"
                        + " scaled integer that SQL orders" : "";
    }
}
