package io.athanor.orm.internal.session;

import io.athanor.orm.OrmException;
import io.athanor.orm.internal.mapping.EntityMapping;
import io.athanor.orm.internal.mapping.PropertyMapping;
import io.athanor.orm.internal.mapping.StoredAttribute;
import io.athanor.orm.internal.mapping.ToOneMapping;
import io.athanor.sql.Column;
import io.athanor.sql.Expression;
import io.athanor.sql.Sql;
import io.athanor.sql.Update;
import io.athanor.sql.ast.Literal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The SET part of a bulk update, checked before any SQL: every key a column of the entity's table
 * (not its primary key), every value a Java value of the column's type or an expression of it.
 * A versioned entity also gets {@code version = version + 1}, so optimistic locks see the change.
 */
final class BulkValues {
    private final Map<StoredAttribute, Expression<?>> values;

    private BulkValues(Map<StoredAttribute, Expression<?>> values) {
        this.values = values;
    }

    static BulkValues of(EntityMapping<?> m, Map<? extends Column<?>, ?> given) {
        if (given == null || given.isEmpty()) {
            throw new OrmException("a bulk update of " + m.name() + " needs at least one column to set");
        }
        Map<StoredAttribute, Expression<?>> out = new LinkedHashMap<>();
        for (Map.Entry<? extends Column<?>, ?> e : given.entrySet()) {
            StoredAttribute p = e.getKey() == null ? null : m.columnAttribute(e.getKey());
            if (p == null) {
                property(m, e.getKey()); // fails naming the column
            }
            if (p == m.id()) {
                throw new OrmException("a bulk update cannot set the primary key " + p + " (" + e.getKey() + ")");
            }
            out.put(p, expression(p, e.getValue()));
        }
        PropertyMapping version = m.version();
        if (version != null && !out.containsKey(version)) {
            out.put(version, increment(version.column()));
        }
        return new BulkValues(Collections.unmodifiableMap(out));
    }

    /**
     * The property behind a column of the entity's table; fails naming the column otherwise, and
     * naming the reference when the column is a foreign key (these operations set properties; a
     * reference is set through its object, or by a query's bulk update).
     */
    static PropertyMapping property(EntityMapping<?> m, Column<?> column) {
        PropertyMapping p = column == null ? null : m.property(column);
        if (p == null && column != null && m.columnAttribute(column) instanceof ToOneMapping t) {
            throw new OrmException("column " + column + " is the foreign key of the reference " + t + "; this operation"
                    + " sets column properties only: set the reference on the object, or use query(...).update(...)");
        }
        if (p == null) {
            throw new OrmException("column " + column + " is not a column of " + m.name() + " (table " + m.table().name()
                    + "); its columns are " + m.table().columns());
        }
        return p;
    }

    /**
     * {@code value} for {@code p} in row {@code row} of a bulk {@code operation} (bulkUpdate,
     * insertAll, upsert): null, or an instance of the property's type; anything else is refused,
     * naming operation, entity, row, column and value.
     */
    static Object checkedValue(String operation, EntityMapping<?> m, int row, PropertyMapping p, Object value) {
        if (value != null && !p.type().isInstance(value)) {
            throw new OrmException(operation + " of " + m.name() + ", row " + row + ": " + p.column() + " is "
                    + p.type().getName() + " but the value " + value + " is " + value.getClass().getName());
        }
        return value;
    }

    /** A Java value (checked against the column type) or an expression of the column's type. */
    static Expression<?> expression(StoredAttribute p, Object value) {
        Column<?> c = p.column();
        if (value instanceof Expression<?> e) {
            if (e.type() != c.type()) {
                throw new OrmException("cannot set " + c + " (" + c.type().getSimpleName() + ") to " + e + ", which is "
                        + e.type().getSimpleName());
            }
            return e;
        }
        if (value != null && !c.type().isInstance(value)) {
            throw new OrmException("cannot set " + c + " (" + c.type().getName() + ") to " + value + " ("
                    + value.getClass().getName() + ")");
        }
        if (value == null && !c.isNullable()) {
            throw new OrmException("cannot set " + c + " to null: the column is NOT NULL");
        }
        return literal(c, value);
    }

    private static <T> Expression<T> literal(Column<T> c, Object value) {
        return Literal.of(c.type(), c.type().cast(value));
    }

    private static <T> Expression<T> increment(Column<T> c) {
        return c.plus(1);
    }

    Map<StoredAttribute, Expression<?>> values() {
        return values;
    }

    /** Adds the SET clause to an UPDATE of the entity's table. */
    Update applyTo(Update update) {
        Update u = update;
        for (Map.Entry<StoredAttribute, Expression<?>> e : values.entrySet()) {
            u = set(u, e.getKey().column(), e.getValue());
        }
        return u;
    }

    @SuppressWarnings("unchecked")
    private static <T> Update set(Update u, Column<T> c, Expression<?> value) {
        return u.set(c, (Expression<T>) value);
    }

    static Update update(EntityMapping<?> m) {
        return Sql.update(m.table());
    }
}
