package io.athanor.sql.ast;

import io.athanor.sql.Select;
import java.util.Objects;

/** {@code EXISTS (subquery)}: true when the subquery returns a row. */
public final class Exists extends BooleanExpression {
    private final Select subquery;

    public Exists(Select subquery) {
        this.subquery = Objects.requireNonNull(subquery, "subquery");
    }

    public Select subquery() {
        return subquery;
    }

    @Override
    public <R> R accept(ExpressionVisitor<R> visitor) {
        return visitor.visitExists(this);
    }

    @Override
    public String toString() {
        return "exists(select from " + subquery.table() + ")";
    }
}
