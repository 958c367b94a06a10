package io.athanor.sql.ast;

import io.athanor.sql.Expression;

/** {@code COUNT(*)}. */
public final class CountAll implements Expression<Long> {
    public static final CountAll INSTANCE = new CountAll();

    private CountAll() {
    }

    @Override
    public Class<Long> type() {
        return Long.class;
    }

    @Override
    public <R> R accept(ExpressionVisitor<R> visitor) {
        return visitor.visitCountAll(this);
    }

    @Override
    public String toString() {
        return "count(*)";
    }
}
