package io.athanor.sql.ast;

import io.athanor.sql.Expression;
import java.util.Objects;

/** {@code NOT operand}; NOT NULL is NULL. */
public final class Not extends BooleanExpression {
    private final Expression<Boolean> operand;

    public Not(Expression<Boolean> operand) {
        this.operand = Objects.requireNonNull(operand, "operand");
        if (operand.type() != Boolean.class) {
            throw new IllegalArgumentException("NOT needs a Boolean operand, but " + operand + " is "
                    + operand.type().getSimpleName());
        }
    }

    public Expression<Boolean> operand() {
        return operand;
    }

    @Override
    public <R> R accept(ExpressionVisitor<R> visitor) {
        return visitor.visitNot(this);
    }

    @Override
    public String toString() {
        return "(NOT " + operand + ")";
    }
}
