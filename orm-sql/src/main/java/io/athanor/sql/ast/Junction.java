package io.athanor.sql.ast;

import io.athanor.sql.Expression;
import java.util.ArrayList;
import java.util.List;

/** {@code a AND b AND ...} or {@code a OR b OR ...}; nested junctions of the same kind are flattened. */
public final class Junction extends BooleanExpression {
    private final boolean conjunction;
    private final List<Expression<Boolean>> operands;

    private Junction(boolean conjunction, List<Expression<Boolean>> operands) {
        if (operands.isEmpty()) {
            throw new IllegalArgumentException((conjunction ? "AND" : "OR") + " needs at least one operand");
        }
        List<Expression<Boolean>> flat = new ArrayList<>();
        for (Expression<Boolean> e : operands) {
            if (e.type() != Boolean.class) {
                throw new IllegalArgumentException((conjunction ? "AND" : "OR") + " needs Boolean operands, but "
                        + e + " is " + e.type().getSimpleName());
            }
            if (e instanceof Junction j && j.conjunction == conjunction) {
                flat.addAll(j.operands);
            } else {
                flat.add(e);
            }
        }
        this.conjunction = conjunction;
        this.operands = List.copyOf(flat);
    }

    public static Junction and(List<Expression<Boolean>> operands) {
        return new Junction(true, operands);
    }

    public static Junction or(List<Expression<Boolean>> operands) {
        return new Junction(false, operands);
    }

    /** True for AND, false for OR. */
    public boolean isConjunction() {
        return conjunction;
    }

    public List<Expression<Boolean>> operands() {
        return operands;
    }

    @Override
    public <R> R accept(ExpressionVisitor<R> visitor) {
        return visitor.visitJunction(this);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < operands.size(); i++) {
            sb.append(i == 0 ? "" : conjunction ? " AND " : " OR ").append(operands.get(i));
        }
        return sb.append(')').toString();
    }
}
