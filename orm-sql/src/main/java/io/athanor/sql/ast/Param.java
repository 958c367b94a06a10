package io.athanor.sql.ast;

import io.athanor.sql.Expression;
import java.util.Objects;

/**
 * A placeholder whose value is supplied at execution: slot {@code n} of the row of values given to
 * a batch. It lets one compiled statement run for many rows (JDBC batching).
 *
 * @param <T> the value's type
 */
public final class Param<T> implements Expression<T> {
    private final int slot;
    private final Class<T> type;

    public Param(int slot, Class<T> type) {
        if (slot < 0) {
            throw new IllegalArgumentException("slot must be >= 0: " + slot);
        }
        this.slot = slot;
        this.type = Objects.requireNonNull(type, "type");
    }

    public int slot() {
        return slot;
    }

    @Override
    public Class<T> type() {
        return type;
    }

    @Override
    public <R> R accept(ExpressionVisitor<R> visitor) {
        return visitor.visitParam(this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Param<?> p && slot == p.slot && type == p.type;
    }

    @Override
    public int hashCode() {
        return slot * 31 + type.hashCode();
    }

    @Override
    public String toString() {
        return "?" + slot;
    }
}
