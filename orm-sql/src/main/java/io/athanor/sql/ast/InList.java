package io.athanor.sql.ast;

import io.athanor.sql.Expression;
import java.util.List;
import java.util.Objects;

/** {@code operand IN (values...)}. An empty list is false for every row. */
public final class InList extends BooleanExpression {
    private final Expression<?> operand;
    private final List<Expression<?>> values;

    public InList(Expression<?> operand, List<? extends Expression<?>> values) {
        this.operand = Objects.requireNonNull(operand, "operand");
        this.values = List.copyOf(values);
        for (Expression<?> v : this.values) {
            if (v.type() != operand.type()) {
                throw new IllegalArgumentException("IN list of " + operand + " (" + operand.type().getSimpleName()
                        + ") holds " + v + " (" + v.type().getSimpleName() + ")");
            }
        }
    }

    public Expression<?> operand() {
        return operand;
    }

    public List<Expression<?>> values() {
        return values;
    }

    @Override
    public <R> R accept(ExpressionVisitor<R> visitor) {
        return visitor.visitInList(this);
    }

    @Override
    public String toString() {
        return "(" + operand + " IN " + values + ")";
    }
}
