package io.athanor.sql.ast;

import io.athanor.sql.Expression;
import java.util.Objects;

/** {@code left op right}, both sides of the same type. */
public final class Comparison extends BooleanExpression {
    private final Expression<?> left;
    private final ComparisonOperator operator;
    private final Expression<?> right;

    public Comparison(Expression<?> left, ComparisonOperator operator, Expression<?> right) {
        this.left = Objects.requireNonNull(left, "left");
        this.operator = Objects.requireNonNull(operator, "operator");
        this.right = Objects.requireNonNull(right, "right");
        if (left.type() != right.type()) {
            throw new IllegalArgumentException("cannot compare " + left + " (" + left.type().getSimpleName()
                    + ") with " + right + " (" + right.type().getSimpleName() + ")");
        }
    }

    public Expression<?> left() {
        return left;
    }

    public ComparisonOperator operator() {
        return operator;
    }

    public Expression<?> right() {
        return right;
    }

    @Override
    public <R> R accept(ExpressionVisitor<R> visitor) {
        return visitor.visitComparison(this);
    }

    @Override
    public String toString() {
        return "(" + left + " " + operator.sql() + " " + right + ")";
    }
}
