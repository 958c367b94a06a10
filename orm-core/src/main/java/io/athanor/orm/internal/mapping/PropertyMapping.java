package io.athanor.orm.internal.mapping;

import io.athanor.orm.MappingException;
import io.athanor.sql.Column;
import java.lang.invoke.MethodHandle;
import java.util.Arrays;
import java.util.Objects;

/**
 * One mapped field: its column and fast accessors. Reads and writes go straight to the field
 * through method handles (never through an enhanced accessor), so loading and flushing are not
 * mistaken for user changes.
 */
public final class PropertyMapping {
    private final String entityName;
    private final String name;
    private final Column<?> column;
    private final boolean primitive;
    private final MethodHandle getter;
    private final MethodHandle setter;

    PropertyMapping(String entityName, String name, Column<?> column, boolean primitive, MethodHandle getter,
            MethodHandle setter) {
        this.entityName = entityName;
        this.name = name;
        this.column = column;
        this.primitive = primitive;
        this.getter = getter;
        this.setter = setter;
    }

    /** The Java field name. */
    public String name() {
        return name;
    }

    public Column<?> column() {
        return column;
    }

    /** Position among the entity's properties, which is also its column's position in the table. */
    public int index() {
        return column.index();
    }

    public Class<?> type() {
        return column.type();
    }

    /** The field's value, boxed. */
    public Object get(Object entity) {
        try {
            return (Object) getter.invokeExact(entity);
        } catch (Throwable t) {
            throw new MappingException("cannot read " + this + ": " + t, t);
        }
    }

    /** Sets the field; a null for a primitive field fails naming the property. */
    public void set(Object entity, Object value) {
        if (value == null && primitive) {
            throw new MappingException(this + " is a primitive " + column.type().getSimpleName()
                    + " field, but the database value is NULL; use the boxed type or make the column NOT NULL");
        }
        try {
            setter.invokeExact(entity, value);
        } catch (Throwable t) {
            throw new MappingException("cannot write " + this + ": " + t, t);
        }
    }

    /** SQL-value equality: arrays by content. */
    public static boolean sameValue(Object a, Object b) {
        if (a instanceof byte[] x && b instanceof byte[] y) {
            return Arrays.equals(x, y);
        }
        return Objects.equals(a, b);
    }

    /** {@code Entity.field}, for messages. */
    @Override
    public String toString() {
        return entityName + "." + name;
    }
}
