package io.athanor.sql.ast;

import io.athanor.sql.Expression;
import java.util.Objects;

/** {@code operand BETWEEN low AND high} (both ends included). */
public final class Between extends BooleanExpression {
    private final Expression<?> operand;
    private final Expression<?> low;
    private final Expression<?> high;

    public Between(Expression<?> operand, Expression<?> low, Expression<?> high) {
        this.operand = Objects.requireNonNull(operand, "operand");
        this.low = Objects.requireNonNull(low, "low");
        this.high = Objects.requireNonNull(high, "high");
    }

    public Expression<?> operand() {
        return operand;
    }

    public Expression<?> low() {
        return low;
    }

    public Expression<?> high() {
        return high;
    }

    @Override
    public <R> R accept(ExpressionVisitor<R> visitor) {
        return visitor.visitBetween(this);
    }

    @Override
    public String toString() {
        return "(" + operand + " BETWEEN " + low + " AND " + high + ")";
    }
}
