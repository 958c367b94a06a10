package io.athanor.orm.internal.mapping;

import io.athanor.orm.MappingException;
import java.lang.invoke.MethodHandle;

/**
 * One mapped field of an entity: a column property ({@link PropertyMapping}), a reference to
 * another entity ({@link ToOneMapping}) or a collection of them ({@link ToManyMapping}).
 *
 * <p>Attributes have their own index space: {@link #index()} is the field's position among the
 * entity's mapped fields, which is the number the enhancer gives it and the bit that marks it
 * changed or expired in the session. Columns have another: a property's or reference's
 * {@code slot()} is its column's position in the table and in the row arrays statements are bound
 * from; a collection has none. Reads and writes go straight to the field through method handles
 * (never through an enhanced accessor), so loading and flushing are not mistaken for user changes.
 */
public abstract sealed class Attribute permits PropertyMapping, ToOneMapping, ToManyMapping {
    private final String entityName;
    private final String name;
    private final int index;
    private final boolean primitive;
    private final MethodHandle getter;
    private final MethodHandle setter;

    Attribute(String entityName, String name, int index, boolean primitive, MethodHandle getter, MethodHandle setter) {
        this.entityName = entityName;
        this.name = name;
        this.index = index;
        this.primitive = primitive;
        this.getter = getter;
        this.setter = setter;
    }

    /** The Java field name. */
    public final String name() {
        return name;
    }

    /** Position among the entity's attributes: its enhancer property number and its change bit. */
    public final int index() {
        return index;
    }

    /** This attribute's bit in the session's change and expiry masks. */
    public final long bit() {
        return 1L << index;
    }

    /** The field's value, boxed. */
    public final Object get(Object entity) {
        try {
            return (Object) getter.invokeExact(entity);
        } catch (Throwable t) {
            throw new MappingException("cannot read " + this + ": " + t, t);
        }
    }

    /** Sets the field; a null for a primitive field fails naming the property. */
    public final void set(Object entity, Object value) {
        if (value == null && primitive) {
            throw new MappingException(this + " is a primitive field, but the database value is NULL;"
                    + " use the boxed type or make the column NOT NULL");
        }
        try {
            setter.invokeExact(entity, value);
        } catch (Throwable t) {
            throw new MappingException("cannot write " + this + ": " + t, t);
        }
    }

    /** {@code Entity.field}, for messages. */
    @Override
    public final String toString() {
        return entityName + "." + name;
    }
}
