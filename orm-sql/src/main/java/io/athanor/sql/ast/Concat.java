package io.athanor.sql.ast;

import io.athanor.sql.Expression;
import java.util.Objects;

/** String concatenation; NULL if either side is NULL, as in standard SQL. */
public final class Concat implements Expression<String> {
    private final Expression<String> left;
    private final Expression<String> right;

    public Concat(Expression<String> left, Expression<String> right) {
        this.left = Objects.requireNonNull(left, "left");
        this.right = Objects.requireNonNull(right, "right");
    }

    public Expression<String> left() {
        return left;
    }

    public Expression<String> right() {
        return right;
    }

    @Override
    public Class<String> type() {
        return String.class;
    }

    @Override
    public <R> R accept(ExpressionVisitor<R> visitor) {
        return visitor.visitConcat(this);
    }

    @Override
    public String toString() {
        return "(" + left + " || " + right + ")";
    }
}
