package io.athanor.orm.internal.mapping;

import io.athanor.orm.MappingException;
import io.athanor.sql.Column;
import io.athanor.sql.Table;
import java.lang.invoke.MethodHandle;
import java.util.List;

/**
 * How one entity class maps to one table: its properties in column order, the id and version
 * properties, and how to instantiate it. Immutable and shared by every session of a factory.
 *
 * @param <E> the entity class
 */
public final class EntityMapping<E> {
    private final Class<E> type;
    private final int ordinal;
    private final Table table;
    private final List<PropertyMapping> properties;
    private final PropertyMapping id;
    private final PropertyMapping version;
    private final MethodHandle constructor;
    private final boolean enhanced;
    private final long allProperties;

    EntityMapping(Class<E> type, int ordinal, Table table, List<PropertyMapping> properties, PropertyMapping id,
            PropertyMapping version, MethodHandle constructor, boolean enhanced) {
        this.type = type;
        this.ordinal = ordinal;
        this.table = table;
        this.properties = List.copyOf(properties);
        this.id = id;
        this.version = version;
        this.constructor = constructor;
        this.enhanced = enhanced;
        this.allProperties = properties.size() == 64 ? -1L : (1L << properties.size()) - 1;
    }

    public Class<E> type() {
        return type;
    }

    /** The class's simple name, for messages. */
    public String name() {
        return type.getSimpleName();
    }

    /** Position in the factory's entity list: the order inserts follow (deletes go in reverse). */
    public int ordinal() {
        return ordinal;
    }

    public Table table() {
        return table;
    }

    public List<PropertyMapping> properties() {
        return properties;
    }

    public PropertyMapping property(int index) {
        return properties.get(index);
    }

    /** The property mapped to {@code column}, or null if the column is not of this entity's table. */
    public PropertyMapping property(Column<?> column) {
        if (!column.table().name().equals(table.name()) || column.index() >= properties.size()) {
            return null;
        }
        PropertyMapping p = properties.get(column.index());
        return p.column().equals(column) ? p : null;
    }

    public PropertyMapping id() {
        return id;
    }

    /** The {@code @Version} property, or null. */
    public PropertyMapping version() {
        return version;
    }

    /** The version after {@code current}: {@code current + 1}, or 1 when there is none yet. */
    public Object nextVersion(Object current) {
        if (current == null) {
            return version.type() == Long.class ? (Object) 1L : (Object) 1;
        }
        return current instanceof Long l ? (Object) (l + 1) : (Object) ((Integer) current + 1);
    }

    /** True when the id is assigned by the database if it is null at insert. */
    public boolean generatedId() {
        return id.column().isGenerated();
    }

    /** True when the class was enhanced at build time (field-level change tracking). */
    public boolean enhanced() {
        return enhanced;
    }

    /** A bit mask with one bit per property. */
    public long allProperties() {
        return allProperties;
    }

    /** A new, empty instance through the no-argument constructor. */
    public E newInstance() {
        try {
            return type.cast((Object) constructor.invokeExact());
        } catch (Throwable t) {
            throw new MappingException("cannot instantiate " + type.getName() + ": " + t, t);
        }
    }

    /** {@code Entity#key}, for messages. */
    public String describe(Object key) {
        return name() + "#" + key;
    }

    /** {@code Entity#key} of an instance. */
    public String describeInstance(Object entity) {
        Object key = id.get(entity);
        return key == null ? "a new " + name() : describe(key);
    }

    @Override
    public String toString() {
        return type.getName();
    }

    /** Property mask for one property. */
    public static long bit(int index) {
        return 1L << index;
    }

    /** The id type as a user passes it to get(). */
    Column<?> idColumn() {
        return id.column();
    }
}
