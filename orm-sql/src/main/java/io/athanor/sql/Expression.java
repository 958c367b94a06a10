package io.athanor.sql;

import io.athanor.sql.ast.Arithmetic;
import io.athanor.sql.ast.ArithmeticOperator;
import io.athanor.sql.ast.Between;
import io.athanor.sql.ast.Comparison;
import io.athanor.sql.ast.ComparisonOperator;
import io.athanor.sql.ast.Concat;
import io.athanor.sql.ast.ExpressionVisitor;
import io.athanor.sql.ast.InList;
import io.athanor.sql.ast.InSelect;
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

    /**
     * {@code this = value}; a null value means {@code this IS NULL}, as SQL users mean (SQL's
     * {@code = NULL} is never true). {@code col.eq(null)} compiles and means the same.
     *
     * <p>Why the empty varargs {@code none}: with the two overloads {@code eq(T)} and
     * {@code eq(Expression<T>)}, a bare {@code null} fits both and javac reports {@code eq(null)}
     * as ambiguous. Java picks fixed-arity methods before variable-arity ones, so with the value
     * overload variable-arity, {@code eq(null)} resolves to {@link #eq(Expression)} (whose null also
     * means IS NULL), while {@code eq(value)} and {@code eq(expression)} stay checked against
     * {@code T} at compile time. The alternatives lose that: an {@code eq(Object)} overload accepts
     * any type, and a constant such as {@code Sql.NULL} would not make {@code eq(null)} compile. No
     * unchecked warning arises where {@code T} is a plain class (every column type); pass no second
     * value ({@code eq(a, b)} is refused: use {@link #in(Object[]) in}).
     */
    @SuppressWarnings("unchecked")
    default Expression<Boolean> eq(T value, T... none) {
        requireOneValue("eq", none);
        return value == null ? isNull() : eq(Literal.of(type(), value));
    }

    /** {@code this = other}; a null {@code other} (as in {@code eq(null)}) means {@code this IS NULL}. */
    default Expression<Boolean> eq(Expression<T> other) {
        return other == null ? isNull() : new Comparison(this, ComparisonOperator.EQ, other);
    }

    /** {@code this <> value}; a null value (as in {@code ne(null)}) means {@code this IS NOT NULL}. See {@link #eq(Object, Object[])}. */
    @SuppressWarnings("unchecked")
    default Expression<Boolean> ne(T value, T... none) {
        requireOneValue("ne", none);
        return value == null ? isNotNull() : ne(Literal.of(type(), value));
    }

    /** {@code this <> other}; a null {@code other} (as in {@code ne(null)}) means {@code this IS NOT NULL}. */
    default Expression<Boolean> ne(Expression<T> other) {
        return other == null ? isNotNull() : new Comparison(this, ComparisonOperator.NE, other);
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

    /**
     * {@code this IN (subquery)}: the subquery selects one expression of this type. It may refer to
     * columns of the statements it is nested in (a correlated subquery).
     */
    default Expression<Boolean> in(Select subquery) {
        return new InSelect(this, subquery);
    }

    default Expression<Boolean> between(T low, T high) {
        return new Between(this, Literal.of(type(), low), Literal.of(type(), high));
    }

    /**
     * {@code this LIKE pattern}; only for string expressions. {@code %} matches any characters and
     * {@code _} one; whether case matters depends on the database (see docs/dialects.md), and so does
     * the escape character when none is given (a backslash on PostgreSQL and MariaDB, none on
     * SQLite): to match user input literally use {@link #like(String, char)}, {@link #startsWith},
     * {@link #endsWith} or {@link #contains}.
     */
    default Expression<Boolean> like(String pattern) {
        return new Like(Types.requireString(this, "like"), Literal.of(String.class, pattern), null);
    }

    /**
     * {@code this LIKE pattern ESCAPE escape}: in {@code pattern}, {@code escape} followed by
     * {@code %}, {@code _} or itself matches that character literally. With {@code '\\'},
     * {@link Sql#escapeLike(String)} makes any user input literal.
     */
    default Expression<Boolean> like(String pattern, char escape) {
        return new Like(Types.requireString(this, "like"), Literal.of(String.class, pattern), escape);
    }

    /** True when this string starts with {@code prefix}, taken literally ({@code %} and {@code _} included). */
    default Expression<Boolean> startsWith(String prefix) {
        return like(Sql.escapeLike(prefix) + "%", Sql.LIKE_ESCAPE);
    }

    /** True when this string ends with {@code suffix}, taken literally. */
    default Expression<Boolean> endsWith(String suffix) {
        return like("%" + Sql.escapeLike(suffix), Sql.LIKE_ESCAPE);
    }

    /** True when this string contains {@code part}, taken literally. */
    default Expression<Boolean> contains(String part) {
        return like("%" + Sql.escapeLike(part) + "%", Sql.LIKE_ESCAPE);
    }

    private static void requireOneValue(String operator, Object[] none) {
        if (none != null && none.length > 0) {
            throw new IllegalArgumentException(operator + "(...) takes one value, not " + (none.length + 1)
                    + ": to match any of several values use in(...)");
        }
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
