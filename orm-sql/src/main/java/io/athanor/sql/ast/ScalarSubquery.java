package io.athanor.sql.ast;

import io.athanor.sql.Expression;
import io.athanor.sql.Select;

/**
 * {@code (subquery)} used as a value: the subquery selects one expression and returns at most one
 * row (the database fails the statement when it returns more); no row is NULL.
 *
 * @param <T> the type of the selected expression
 */
public final class ScalarSubquery<T> implements Expression<T> {
    private final Select subquery;
    private final Class<T> type;

    public ScalarSubquery(Select subquery, Class<T> type) {
        this.subquery = Subqueries.requireSingle(subquery, java.util.Objects.requireNonNull(type, "type"), "scalar subquery");
        this.type = type;
    }

    public Select subquery() {
        return subquery;
    }

    @Override
    public Class<T> type() {
        return type;
    }

    @Override
    public <R> R accept(ExpressionVisitor<R> visitor) {
        return visitor.visitScalarSubquery(this);
    }

    @Override
    public String toString() {
        return "(select " + subquery.columns().get(0) + " from " + subquery.table() + ")";
    }
}
