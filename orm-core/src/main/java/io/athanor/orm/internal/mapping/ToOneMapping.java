package io.athanor.orm.internal.mapping;

import io.athanor.orm.annotations.OnDelete;
import io.athanor.sql.Column;
import java.lang.invoke.MethodHandle;

/**
 * A {@code @ManyToOne} attribute: the field holds the referenced object, the foreign-key column
 * its key. The column's value for a row is the key of the object the field holds, read when the
 * row is written, so a parent's generated key reaches its children once the parent is inserted.
 * The target mapping is set when the factory links its mappings (targets may be read later).
 */
public final class ToOneMapping extends Attribute implements StoredAttribute {
    private final Column<?> column;
    private final Class<?> targetType;
    private final OnDelete onDelete;
    private final int ordinal;
    private EntityMapping<?> target;
    private ToManyMapping inverse;

    ToOneMapping(String entityName, String name, int index, Column<?> column, Class<?> targetType, OnDelete onDelete,
            int ordinal, MethodHandle getter, MethodHandle setter) {
        super(entityName, name, index, false, getter, setter);
        this.column = column;
        this.targetType = targetType;
        this.onDelete = onDelete;
        this.ordinal = ordinal;
    }

    /** The foreign-key column. */
    @Override
    public Column<?> column() {
        return column;
    }

    /** The foreign-key column's position in the table and in row arrays. */
    @Override
    public int slot() {
        return column.index();
    }

    /** Position among the entity's references: the slot of the session's stored foreign keys. */
    public int ordinal() {
        return ordinal;
    }

    public Class<?> targetType() {
        return targetType;
    }

    /** The referenced entity. */
    public EntityMapping<?> target() {
        return target;
    }

    public OnDelete onDelete() {
        return onDelete;
    }

    public boolean nullable() {
        return column.isNullable();
    }

    /** The {@code @OneToMany} of the target whose {@code mappedBy} names this attribute, or null. */
    public ToManyMapping inverse() {
        return inverse;
    }

    /** The foreign-key value for a referenced object: its key (null while a generated key is unassigned). */
    public Object keyOf(Object referenced) {
        return referenced == null ? null : target.id().get(referenced);
    }

    void link(EntityMapping<?> targetMapping) {
        this.target = targetMapping;
    }

    void linkInverse(ToManyMapping collection) {
        this.inverse = collection;
    }
}
