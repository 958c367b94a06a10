package io.athanor.sql.ast;

import io.athanor.sql.Expression;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * A Java value used in an expression. Always compiled to a bound parameter.
 *
 * @param <T> the value's type
 */
public final class Literal<T> implements Expression<T> {
    private final Class<T> type;
    private final T value;

    private Literal(Class<T> type, T value) {
        this.type = Objects.requireNonNull(type, "type");
        this.value = value;
    }

    /** A literal of the given type; fails if the value is of another type (raw-typed callers). */
    public static <T> Literal<T> of(Class<T> type, T value) {
        if (value != null && !type.isInstance(value)) {
            throw new IllegalArgumentException("value " + value + " (" + value.getClass().getName()
                    + ") is not a " + type.getName());
        }
        return new Literal<>(type, value);
    }

    /**
     * A numeric literal converted to {@code type}, the type of {@code context}. The conversion must
     * be exact: {@code 1} becomes {@code 1L} for a Long column, but {@code 1.5} for an Integer
     * column fails naming the expression.
     */
    @SuppressWarnings("unchecked")
    public static <T> Literal<T> ofNumber(Class<T> type, Number n, Expression<?> context) {
        Objects.requireNonNull(n, () -> "number for " + context);
        Object converted;
        try {
            BigDecimal exact = n instanceof BigDecimal b ? b : new BigDecimal(n.toString());
            if (type == Integer.class) {
                converted = exact.intValueExact();
            } else if (type == Long.class) {
                converted = exact.longValueExact();
            } else if (type == Double.class) {
                converted = n.doubleValue();
            } else if (type == BigDecimal.class) {
                converted = exact;
            } else {
                throw new IllegalArgumentException("arithmetic needs a numeric expression, but "
                        + context + " is " + type.getSimpleName());
            }
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("cannot use " + n + " (" + n.getClass().getSimpleName()
                    + ") with " + context + " (" + type.getSimpleName() + "): it does not convert exactly", e);
        }
        return new Literal<>(type, (T) converted);
    }

    @Override
    public Class<T> type() {
        return type;
    }

    /** The value, possibly null. */
    public T value() {
        return value;
    }

    @Override
    public <R> R accept(ExpressionVisitor<R> visitor) {
        return visitor.visitLiteral(this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Literal<?> l && type == l.type && Objects.deepEquals(value, l.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, value instanceof byte[] ? 0 : value);
    }

    @Override
    public String toString() {
        return value instanceof String s ? "'" + s + "'" : String.valueOf(value);
    }
}
