package io.athanor.orm.internal.mapping;

import io.athanor.orm.MappingException;
import io.athanor.sql.Column;
import io.athanor.sql.Table;
import java.lang.invoke.MethodHandle;
import java.util.List;

/**
 * How one entity class maps to one table: its attributes (column properties, references, collections)
 * in field order, the id and version properties, and how to instantiate it. Immutable once the
 * factory has linked its relationships, and shared by every session of a factory.
 *
 * <p>Two index spaces meet here: attributes are numbered by field ({@link Attribute#index()}, the
 * change and expiry bits), columns by table position ({@code slot()}, the row arrays). A column
 * property and a reference have both; a collection has no column.
 *
 * @param <E> the entity class
 */
public final class EntityMapping<E> {
    private final Class<E> type;
    private final int ordinal;
    private final Table table;
    private final List<Attribute> attributes;
    private final List<PropertyMapping> properties;
    private final List<ToOneMapping> toOnes;
    private final List<ToManyMapping> toManys;
    /** The attribute of each column slot: a {@link PropertyMapping} or a {@link ToOneMapping}. */
    private final Attribute[] bySlot;
    private final PropertyMapping id;
    private final PropertyMapping version;
    private final MethodHandle constructor;
    private final boolean enhanced;
    private final long allAttributes;
    private final long columnAttributes;
    private final long referenceAttributes;

    EntityMapping(Class<E> type, int ordinal, Table table, List<Attribute> attributes, PropertyMapping id,
            PropertyMapping version, MethodHandle constructor, boolean enhanced) {
        this.type = type;
        this.ordinal = ordinal;
        this.table = table;
        this.attributes = List.copyOf(attributes);
        this.properties = only(attributes, PropertyMapping.class);
        this.toOnes = only(attributes, ToOneMapping.class);
        this.toManys = only(attributes, ToManyMapping.class);
        this.bySlot = new Attribute[table.columns().size()];
        long columns = 0;
        long references = 0;
        for (Attribute a : attributes) {
            if (a instanceof PropertyMapping p) {
                bySlot[p.slot()] = p;
                columns |= p.bit();
            } else if (a instanceof ToOneMapping t) {
                bySlot[t.slot()] = t;
                columns |= t.bit();
                references |= t.bit();
            }
        }
        this.id = id;
        this.version = version;
        this.constructor = constructor;
        this.enhanced = enhanced;
        this.allAttributes = attributes.size() == 64 ? -1L : (1L << attributes.size()) - 1;
        this.columnAttributes = columns;
        this.referenceAttributes = references;
    }

    private static <A> List<A> only(List<Attribute> attributes, Class<A> kind) {
        return attributes.stream().filter(kind::isInstance).map(kind::cast).toList();
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

    /** Every attribute, by {@link Attribute#index()}. */
    public List<Attribute> attributes() {
        return attributes;
    }

    /** The attribute of that index. */
    public Attribute attribute(int index) {
        return attributes.get(index);
    }

    /** The column properties (references and collections left out). */
    public List<PropertyMapping> properties() {
        return properties;
    }

    /** The {@code @ManyToOne} attributes, by {@link ToOneMapping#ordinal()}. */
    public List<ToOneMapping> toOnes() {
        return toOnes;
    }

    /** The {@code @OneToMany} attributes. */
    public List<ToManyMapping> toManys() {
        return toManys;
    }

    /** The number of columns: the length of a row array, less the expected-version slot. */
    public int columnCount() {
        return bySlot.length;
    }

    /** The attribute of a column slot: a {@link PropertyMapping} or a {@link ToOneMapping}. */
    public Attribute atSlot(int slot) {
        return bySlot[slot];
    }

    /** The column property mapped to {@code column}, or null (another table's column, or a foreign key). */
    public PropertyMapping property(Column<?> column) {
        return columnAttribute(column) instanceof PropertyMapping p ? p : null;
    }

    /** The attribute (property or reference) of {@code column}, or null if it is not a column of this table. */
    public StoredAttribute columnAttribute(Column<?> column) {
        if (!column.table().name().equals(table.name()) || column.table().alias() != null
                || column.index() >= bySlot.length) {
            return null;
        }
        StoredAttribute a = (StoredAttribute) bySlot[column.index()];
        return a.column().equals(column) ? a : null;
    }

    /** The attribute of that field name, or null. */
    public Attribute attribute(String name) {
        for (Attribute a : attributes) {
            if (a.name().equals(name)) {
                return a;
            }
        }
        return null;
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

    /** A bit mask with one bit per attribute. */
    public long allAttributes() {
        return allAttributes;
    }

    /** The bits of the attributes that have a column (properties and references). */
    public long columnAttributes() {
        return columnAttributes;
    }

    /** The bits of the references ({@code @ManyToOne}). */
    public long referenceAttributes() {
        return referenceAttributes;
    }

    /** True when the entity has relationships of either side. */
    public boolean hasRelationships() {
        return !toOnes.isEmpty() || !toManys.isEmpty();
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

    /** The mask bit of the attribute of that index. */
    public static long bit(int index) {
        return 1L << index;
    }
}
