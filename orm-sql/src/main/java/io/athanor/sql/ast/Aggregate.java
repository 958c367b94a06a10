package io.athanor.sql.ast;

import io.athanor.sql.Expression;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * An aggregate function over the rows of a group: {@code COUNT(e)}, {@code SUM(e)}, {@code AVG(e)},
 * {@code MIN(e)} or {@code MAX(e)}. Its Java type is fixed here, when the node is built, and is what
 * every dialect returns for it exactly (see docs/sql.md): COUNT is a {@code Long}; SUM of integers
 * ({@code Short}, {@code Integer}, {@code Long}) is a {@code Long}, of floating point a {@code Double},
 * of {@code BigDecimal} a {@code BigDecimal}; AVG is a {@code Double} of integers or floating point
 * (computed in double precision on every dialect) and refused for {@code BigDecimal} (each dialect
 * rounds the quotient to its own scale); MIN and MAX have their argument's type. Over no rows every
 * aggregate but COUNT is NULL.
 *
 * @param <T> the Java type of the aggregate's value
 */
public final class Aggregate<T> implements Expression<T> {
    /** The aggregate functions. */
    public enum Function {
        COUNT, SUM, AVG, MIN, MAX
    }

    private final Function function;
    private final Expression<?> argument;
    private final Class<T> type;

    private Aggregate(Function function, Expression<?> argument, Class<T> type) {
        this.function = function;
        this.argument = Objects.requireNonNull(argument, "argument of " + function);
        this.type = type;
    }

    /** {@code COUNT(e)}: the rows where {@code e} is not NULL. */
    public static Aggregate<Long> count(Expression<?> e) {
        return new Aggregate<>(Function.COUNT, e, Long.class);
    }

    /** {@code SUM(e)} of integers, as a {@code Long}. */
    public static Aggregate<Long> sumIntegers(Expression<? extends Number> e) {
        Class<?> t = Objects.requireNonNull(e, "argument of SUM").type();
        if (t != Short.class && t != Integer.class && t != Long.class) {
            throw new IllegalArgumentException("Sql.sum(" + e + ") sums integers (Short, Integer, Long), not "
                    + t.getSimpleName() + ": use Sql.sumDecimal for BigDecimal or Sql.sumDouble for floating point");
        }
        return new Aggregate<>(Function.SUM, e, Long.class);
    }

    /** {@code SUM(e)} of floating point values, as a {@code Double}. */
    public static Aggregate<Double> sumDoubles(Expression<? extends Number> e) {
        Class<?> t = Objects.requireNonNull(e, "argument of SUM").type();
        if (t != Double.class && t != Float.class) {
            throw new IllegalArgumentException("Sql.sumDouble(" + e + ") sums Double or Float, not " + t.getSimpleName());
        }
        return new Aggregate<>(Function.SUM, e, Double.class);
    }

    /** {@code SUM(e)} of decimals, as a {@code BigDecimal}. */
    public static Aggregate<BigDecimal> sumDecimals(Expression<BigDecimal> e) {
        return new Aggregate<>(Function.SUM, e, BigDecimal.class);
    }

    /** {@code AVG(e)} of integers or floating point values, as a {@code Double}. */
    public static Aggregate<Double> avg(Expression<? extends Number> e) {
        Class<?> t = Objects.requireNonNull(e, "argument of AVG").type();
        if (t == BigDecimal.class) {
            throw new IllegalArgumentException("Sql.avg(" + e + ") is refused for BigDecimal: each database rounds the"
                    + " average of decimals to its own scale; select Sql.sumDecimal and Sql.count and divide in Java");
        }
        if (t != Short.class && t != Integer.class && t != Long.class && t != Double.class && t != Float.class) {
            throw new IllegalArgumentException("Sql.avg(" + e + ") averages numbers, not " + t.getSimpleName());
        }
        return new Aggregate<>(Function.AVG, e, Double.class);
    }

    /** {@code MIN(e)} or {@code MAX(e)}, of {@code e}'s type. */
    public static <T> Aggregate<T> extreme(boolean max, Expression<T> e) {
        return new Aggregate<>(max ? Function.MAX : Function.MIN, e, Objects.requireNonNull(e, "argument").type());
    }

    public Function function() {
        return function;
    }

    public Expression<?> argument() {
        return argument;
    }

    @Override
    public Class<T> type() {
        return type;
    }

    @Override
    public <R> R accept(ExpressionVisitor<R> visitor) {
        return visitor.visitAggregate(this);
    }

    @Override
    public String toString() {
        return function.name().toLowerCase(java.util.Locale.ROOT) + "(" + argument + ")";
    }
}
