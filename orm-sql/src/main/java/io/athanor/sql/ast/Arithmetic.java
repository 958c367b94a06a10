package io.athanor.sql.ast;

import io.athanor.sql.Expression;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * {@code left op right} over numbers of one type; the result has that type. Division of integer
 * types is SQL integer division; modulo is defined for integer types only.
 *
 * @param <T> the numeric type
 */
public final class Arithmetic<T> implements Expression<T> {
    private final Expression<T> left;
    private final ArithmeticOperator operator;
    private final Expression<T> right;

    public Arithmetic(Expression<T> left, ArithmeticOperator operator, Expression<T> right) {
        this.left = Objects.requireNonNull(left, "left");
        this.operator = Objects.requireNonNull(operator, "operator");
        this.right = Objects.requireNonNull(right, "right");
        Class<?> t = left.type();
        boolean integral = t == Integer.class || t == Long.class;
        boolean numeric = integral || t == Double.class || t == BigDecimal.class;
        if (!numeric || right.type() != t) {
            throw new IllegalArgumentException(operator + " needs two numbers of one type, got " + left
                    + " (" + t.getSimpleName() + ") and " + right + " (" + right.type().getSimpleName() + ")");
        }
        if (operator == ArithmeticOperator.MOD && !integral) {
            throw new IllegalArgumentException("mod needs integer operands, but " + left + " is " + t.getSimpleName());
        }
    }

    public Expression<T> left() {
        return left;
    }

    public ArithmeticOperator operator() {
        return operator;
    }

    public Expression<T> right() {
        return right;
    }

    @Override
    public Class<T> type() {
        return left.type();
    }

    @Override
    public <R> R accept(ExpressionVisitor<R> visitor) {
        return visitor.visitArithmetic(this);
    }

    @Override
    public String toString() {
        return "(" + left + " " + operator.sql() + " " + right + ")";
    }
}
