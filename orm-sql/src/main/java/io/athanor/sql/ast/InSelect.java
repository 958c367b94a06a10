package io.athanor.sql.ast;

import io.athanor.sql.Expression;
import io.athanor.sql.Select;
import java.util.Objects;

/** {@code operand IN (subquery)}; the subquery selects one expression of the operand's type. */
public final class InSelect extends BooleanExpression {
    private final Expression<?> operand;
    private final Select subquery;

    public InSelect(Expression<?> operand, Select subquery) {
        this.operand = Objects.requireNonNull(operand, "operand");
        this.subquery = Subqueries.requireSingle(subquery, operand.type(), "IN subquery of " + operand);
    }

    public Expression<?> operand() {
        return operand;
    }

    public Select subquery() {
        return subquery;
    }

    @Override
    public <R> R accept(ExpressionVisitor<R> visitor) {
        return visitor.visitInSelect(this);
    }

    @Override
    public String toString() {
        return "(" + operand + " IN (select " + subquery.columns().get(0) + " from " + subquery.table() + "))";
    }
}
