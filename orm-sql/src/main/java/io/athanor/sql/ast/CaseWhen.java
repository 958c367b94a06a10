package io.athanor.sql.ast;

import io.athanor.sql.Expression;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code CASE WHEN c1 THEN v1 [WHEN c2 THEN v2 ...] [ELSE e] END}: the value of the first branch
 * whose condition is TRUE (a NULL condition is not), else {@code e}, else NULL. Immutable: {@link
 * #when} and {@link #otherwise} return new nodes.
 *
 * @param <T> the type of every branch's value
 */
public final class CaseWhen<T> implements Expression<T> {
    /** One {@code WHEN condition THEN value}. */
    public record Branch(Expression<Boolean> condition, Expression<?> value) {
    }

    private final Class<T> type;
    private final List<Branch> branches;
    private final Expression<T> otherwise;

    private CaseWhen(Class<T> type, List<Branch> branches, Expression<T> otherwise) {
        this.type = type;
        this.branches = List.copyOf(branches);
        this.otherwise = otherwise;
    }

    /** {@code CASE WHEN condition THEN value}. */
    public static <T> CaseWhen<T> of(Expression<Boolean> condition, Expression<T> value) {
        Objects.requireNonNull(value, "value of CASE WHEN " + condition);
        return new CaseWhen<>(value.type(), List.of(branch(condition, value)), null);
    }

    private static Branch branch(Expression<Boolean> condition, Expression<?> value) {
        Objects.requireNonNull(condition, "condition of CASE WHEN");
        if (condition.type() != Boolean.class) {
            throw new IllegalArgumentException("CASE WHEN " + condition + ": the condition is a "
                    + condition.type().getSimpleName() + ", not a Boolean");
        }
        return new Branch(condition, Objects.requireNonNull(value, "value of CASE WHEN " + condition));
    }

    /** Adds {@code WHEN condition THEN value}. */
    public CaseWhen<T> when(Expression<Boolean> condition, Expression<T> value) {
        requireType(value);
        List<Branch> all = new ArrayList<>(branches);
        all.add(branch(condition, value));
        return new CaseWhen<>(type, all, otherwise);
    }

    /** Adds {@code WHEN condition THEN value}, the value bound. */
    public CaseWhen<T> when(Expression<Boolean> condition, T value) {
        return when(condition, Literal.of(type, value));
    }

    /** Sets {@code ELSE value}. */
    public CaseWhen<T> otherwise(Expression<T> value) {
        requireType(value);
        return new CaseWhen<>(type, branches, value);
    }

    /** Sets {@code ELSE value}, the value bound. */
    public CaseWhen<T> otherwise(T value) {
        return otherwise(Literal.of(type, value));
    }

    private void requireType(Expression<?> value) {
        if (Objects.requireNonNull(value, "CASE value").type() != type) {
            throw new IllegalArgumentException("CASE of " + type.getSimpleName() + " values cannot have the value "
                    + value + " (" + value.type().getSimpleName() + ")");
        }
    }

    public List<Branch> branches() {
        return branches;
    }

    /** The ELSE value, or null. */
    public Expression<T> otherwise() {
        return otherwise;
    }

    @Override
    public Class<T> type() {
        return type;
    }

    @Override
    public <R> R accept(ExpressionVisitor<R> visitor) {
        return visitor.visitCaseWhen(this);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("case");
        for (Branch b : branches) {
            sb.append(" when ").append(b.condition()).append(" then ").append(b.value());
        }
        return (otherwise != null ? sb.append(" else ").append(otherwise) : sb).append(" end").toString();
    }
}
