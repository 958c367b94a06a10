package io.athanor.orm.internal.evaluator;

import io.athanor.sql.Column;
import io.athanor.sql.Expression;
import io.athanor.sql.ast.ExpressionVisitor;
import io.athanor.sql.Table;
import java.util.Objects;

/**
 * A criterion about related rows ({@code ToOne.has}, {@code ToMany.any}, {@code ToMany.isEmpty}):
 * to the SQL compiler it is its SQL form (an {@code IN} subquery, two-valued like EXISTS), to the
 * evaluator a question about the loaded related objects, answered when they are loaded and
 * refused for that object ({@link EvaluationException}: it is expired) when they are not.
 * Immutable.
 */
public final class RelationshipCriterion implements Expression<Boolean> {
    /** What is asked of the related objects. */
    public enum Kind {
        /** The referenced object satisfies the criteria (false without one). */
        HAS,
        /** Some element of the collection satisfies the criteria. */
        ANY,
        /** The collection has no element. */
        IS_EMPTY
    }

    private final Kind kind;
    private final Expression<Boolean> sql;
    private final Column<?> foreignKey;
    private final String collection;
    private final Table related;
    private final Expression<Boolean> criteria;

    /**
     * @param sql what the database evaluates
     * @param foreignKey HAS: the owner's foreign key (a column the evaluation reads)
     * @param collection ANY, IS_EMPTY: the owner's collection attribute
     * @param related the related entity's table, over which {@code criteria} is written
     * @param criteria HAS, ANY: what a related object must satisfy
     */
    public RelationshipCriterion(Kind kind, Expression<Boolean> sql, Column<?> foreignKey, String collection, Table related,
            Expression<Boolean> criteria) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.sql = Objects.requireNonNull(sql, "sql");
        this.foreignKey = foreignKey;
        this.collection = collection;
        this.related = Objects.requireNonNull(related, "related");
        this.criteria = criteria;
    }

    public Kind kind() {
        return kind;
    }

    public Column<?> foreignKey() {
        return foreignKey;
    }

    public String collection() {
        return collection;
    }

    public Table related() {
        return related;
    }

    public Expression<Boolean> criteria() {
        return criteria;
    }

    @Override
    public Class<Boolean> type() {
        return Boolean.class;
    }

    /** The SQL compiler (and anything else that visits the tree) sees the SQL form. */
    @Override
    public <R> R accept(ExpressionVisitor<R> visitor) {
        return sql.accept(visitor);
    }

    @Override
    public String toString() {
        return sql.toString();
    }
}
