package io.athanor.orm.internal.mapping;

import java.lang.invoke.MethodHandle;

/**
 * A {@code @OneToMany} attribute: a {@code List} or {@code Set} of the target entity's objects whose
 * {@link #mappedBy()} reference points at the owner. It has no column; it is loaded with one SELECT
 * on the target's foreign key, and the session keeps it and the references in agreement.
 */
public final class ToManyMapping extends Attribute {
    private final Class<?> elementType;
    private final String mappedByName;
    private final boolean orphanRemoval;
    private final boolean set;
    private EntityMapping<?> target;
    private ToOneMapping mappedBy;

    ToManyMapping(String entityName, String name, int index, Class<?> elementType, String mappedByName,
            boolean orphanRemoval, boolean set, MethodHandle getter, MethodHandle setter) {
        super(entityName, name, index, false, getter, setter);
        this.elementType = elementType;
        this.mappedByName = mappedByName;
        this.orphanRemoval = orphanRemoval;
        this.set = set;
    }

    public Class<?> elementType() {
        return elementType;
    }

    /** The name given in {@code mappedBy}. */
    public String mappedByName() {
        return mappedByName;
    }

    /** The element entity's reference back to the owner. */
    public ToOneMapping mappedBy() {
        return mappedBy;
    }

    public EntityMapping<?> target() {
        return target;
    }

    public boolean orphanRemoval() {
        return orphanRemoval;
    }

    /** True for a {@code Set} field, false for a {@code List}. */
    public boolean isSet() {
        return set;
    }

    void link(EntityMapping<?> targetMapping, ToOneMapping reference) {
        this.target = targetMapping;
        this.mappedBy = reference;
    }
}
