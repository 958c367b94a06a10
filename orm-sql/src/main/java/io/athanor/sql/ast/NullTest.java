package io.athanor.sql.ast;

import io.athanor.sql.Expression;
import java.util.Objects;

/** {@code operand IS NULL}, or {@code IS NOT NULL} when negated. */
public final class NullTest extends BooleanExpression {
    private final Expression<?> operand;
    private final boolean negated;

    public NullTest(Expression<?> operand, boolean negated) {
        this.operand = Objects.requireNonNull(operand, "operand");
        this.negated = negated;
    }

    public Expression<?> operand() {
        return operand;
    }

    public boolean negated() {
        return negated;
    }

    @Override
    public <R> R accept(ExpressionVisitor<R> visitor) {
        return visitor.visitNullTest(this);
    }

    @Override
    public String toString() {
        return "(" + operand + (negated ? " IS NOT NULL)" : " IS NULL)");
    }
}
