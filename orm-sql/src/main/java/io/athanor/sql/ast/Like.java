package io.athanor.sql.ast;

import io.athanor.sql.Expression;
import java.util.Objects;

/**
 * {@code operand LIKE pattern [ESCAPE escape]}. Case rules differ between databases, so the ORM
 * evaluator computes it only where the dialect says how its LIKE matches.
 */
public final class Like extends BooleanExpression {
    private final Expression<String> operand;
    private final Expression<String> pattern;
    private final Character escape;

    /** Without an ESCAPE clause. */
    public Like(Expression<String> operand, Expression<String> pattern) {
        this(operand, pattern, null);
    }

    /** @param escape the ESCAPE character, or null for none */
    public Like(Expression<String> operand, Expression<String> pattern, Character escape) {
        this.operand = Objects.requireNonNull(operand, "operand");
        this.pattern = Objects.requireNonNull(pattern, "pattern");
        this.escape = escape;
        if (escape != null && Character.isSurrogate(escape)) {
            throw new IllegalArgumentException("a LIKE escape must be a whole character, not a surrogate: "
                    + String.format("\\u%04X", (int) escape));
        }
    }

    public Expression<String> operand() {
        return operand;
    }

    public Expression<String> pattern() {
        return pattern;
    }

    /** The ESCAPE character, or null when the statement has no ESCAPE clause. */
    public Character escape() {
        return escape;
    }

    @Override
    public <R> R accept(ExpressionVisitor<R> visitor) {
        return visitor.visitLike(this);
    }

    @Override
    public String toString() {
        return "(" + operand + " LIKE " + pattern + (escape == null ? "" : " ESCAPE '" + escape + "'") + ")";
    }
}
