package io.athanor.sql.ast;

import io.athanor.sql.Expression;
import java.util.Objects;

/** {@code operand LIKE pattern}. Case rules differ between databases; the ORM evaluator refuses it. */
public final class Like extends BooleanExpression {
    private final Expression<String> operand;
    private final Expression<String> pattern;

    public Like(Expression<String> operand, Expression<String> pattern) {
        this.operand = Objects.requireNonNull(operand, "operand");
        this.pattern = Objects.requireNonNull(pattern, "pattern");
    }

    public Expression<String> operand() {
        return operand;
    }

    public Expression<String> pattern() {
        return pattern;
    }

    @Override
    public <R> R accept(ExpressionVisitor<R> visitor) {
        return visitor.visitLike(this);
    }

    @Override
    public String toString() {
        return "(" + operand + " LIKE " + pattern + ")";
    }
}
