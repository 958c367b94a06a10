package io.athanor.sql;

import io.athanor.sql.ast.Arithmetic;
import io.athanor.sql.ast.ArithmeticOperator;
import io.athanor.sql.ast.Between;
import io.athanor.sql.ast.Comparison;
import io.athanor.sql.ast.ComparisonOperator;
import io.athanor.sql.ast.Concat;
import io.athanor.sql.ast.ExpressionVisitor;
import io.athanor.sql.ast.InList;
import io.athanor.sql.ast.Junction;
import io.athanor.sql.ast.Like;
import io.athanor.sql.ast.Literal;
import io.athanor.sql.ast.NullTest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * A typed SQL expression: a column, a bound value, or an operator applied to expressions.
 * Expressions are immutable trees; every operator returns a new node. Values given to operators
 * are always bound as parameters when compiled, never written into the SQL text.
 *
 * <p>Operators that only make sense for some types ({@code plus} on numbers, {@code like} on
 * strings, {@code and} on booleans) check the type when the node is built and fail naming the
 * expression at fault.
 *
 * @param <T> the Java type of the expression's value
 */
public interface Expression<T> {

    /** The Java type of this expression's value (boxed). */
    Class<T> type();

    /** Double dispatch for compilers and evaluators. */
    <R> R accept(ExpressionVisitor<R> visitor);

    // --- comparisons -------------------------------------------------------------------------

    /** {@code this = value}; {@code eq(null)} is rendered as {@code IS NULL}, as SQL users mean. */
    default Expression<Boolean> eq(T value) {
        return value == null ? isNull() : eq(Literal.of(type(), value));
    }

    default Expression<Boolean> eq(Expression<T> other) {
        return new Comparison(this, ComparisonOperator.EQ, other);
    }

    /** {@code this <> value}; {@code ne(null)} is rendered as {@code IS NOT NULL}. */
    default Expression<Boolean> ne(T value) {
        return value == null ? isNotNull() : ne(Literal.of(type(), value));
    }

    default Expression<Boolean> ne(Expression<T> other) {
        return new Comparison(this, ComparisonOperator.NE, other);
    }

    default Expression<Boolean> lt(T value) {
        return lt(Literal.of(type(), value));
    }

    default Expression<Boolean> lt(Expression<T> other) {
        return new Comparison(this, ComparisonOperator.LT, other);
    }

    default Expression<Boolean> le(T value) {
        return le(Literal.of(type(), value));
    }

    default Expression<Boolean> le(Expression<T> other) {
        return new Comparison(this, ComparisonOperator.LE, other);
    }

    default Expression<Boolean> gt(T value) {
        return gt(Literal.of(type(), value));
    }

    default Expression<Boolean> gt(Expression<T> other) {
        return new Comparison(this, ComparisonOperator.GT, other);
    }

    default Expression<Boolean> ge(T value) {
        return ge(Literal.of(type(), value));
    }

    default Expression<Boolean> ge(Expression<T> other) {
        return new Comparison(this, ComparisonOperator.GE, other);
    }

    default Expression<Boolean> isNull() {
        return new NullTest(this, false);
    }

    default Expression<Boolean> isNotNull() {
        return new NullTest(this, true);
    }

    /** {@code this IN (values...)}; an empty list matches nothing. */
    @SuppressWarnings("unchecked")
    default Expression<Boolean> in(T... values) {
        return in(Arrays.asList(values));
    }

    default Expression<Boolean> in(Collection<? extends T> values) {
        List<Expression<?>> items = new ArrayList<>(values.size());
        for (T v : values) {
            items.add(Literal.of(type(), v));
        }
        return new InList(this, items);
    }

    default Expression<Boolean> between(T low, T high) {
        return new Between(this, Literal.of(type(), low), Literal.of(type(), high));
    }

    /** {@code this LIKE pattern}; only for string expressions. */
    default Expression<Boolean> like(String pattern) {
        return new Like(Types.requireString(this, "like"), Literal.of(String.class, pattern));
    }

    // --- arithmetic and strings ----------------------------------------------------------------

    /** {@code this + n}; the number is converted to this expression's type if it fits exactly. */
    default Expression<T> plus(Number n) {
        return plus(Literal.ofNumber(type(), n, this));
    }

    default Expression<T> plus(Expression<T> other) {
        return new Arithmetic<>(this, ArithmeticOperator.PLUS, other);
    }

    default Expression<T> minus(Number n) {
        return minus(Literal.ofNumber(type(), n, this));
    }

    default Expression<T> minus(Expression<T> other) {
        return new Arithmetic<>(this, ArithmeticOperator.MINUS, other);
    }

    default Expression<T> times(Number n) {
        return times(Literal.ofNumber(type(), n, this));
    }

    default Expression<T> times(Expression<T> other) {
        return new Arithmetic<>(this, ArithmeticOperator.TIMES, other);
    }

    /** {@code this / n}: integer division (truncating toward zero) for integer types, as in SQL. */
    default Expression<T> dividedBy(Number n) {
        return dividedBy(Literal.ofNumber(type(), n, this));
    }

    default Expression<T> dividedBy(Expression<T> other) {
        return new Arithmetic<>(this, ArithmeticOperator.DIVIDE, other);
    }

    /** {@code this % n} (SQL modulo; the sign follows the dividend); integer types only. */
    default Expression<T> mod(Number n) {
        return mod(Literal.ofNumber(type(), n, this));
    }

    default Expression<T> mod(Expression<T> other) {
        return new Arithmetic<>(this, ArithmeticOperator.MOD, other);
    }

    /** String concatenation; only for string expressions. */
    default Expression<String> concat(String suffix) {
        return concat(Literal.of(String.class, suffix));
    }

    default Expression<String> concat(Expression<String> other) {
        return new Concat(Types.requireString(this, "concat"), other);
    }

    // --- booleans and ordering -----------------------------------------------------------------

    default Expression<Boolean> and(Expression<Boolean> other) {
        return Junction.and(List.of(Types.requireBoolean(this, "and"), other));
    }

    default Expression<Boolean> or(Expression<Boolean> other) {
        return Junction.or(List.of(Types.requireBoolean(this, "or"), other));
    }

    default Ordering asc() {
        return new Ordering(this, false);
    }

    default Ordering desc() {
        return new Ordering(this, true);
    }
}
