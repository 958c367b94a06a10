package io.athanor.orm;

import java.util.Objects;

/**
 * A relationship attribute of the metamodel: {@link ToOne} ({@code @ManyToOne}) or {@link ToMany}
 * ({@code @OneToMany}). {@code Query.load} takes these to load a relationship for every result.
 * Immutable and thread-safe.
 *
 * @param <X> the entity that declares it
 * @param <T> the entity it leads to
 */
public abstract sealed class Relationship<X, T> permits ToOne, ToMany {
    private final Class<X> ownerType;
    private final String name;
    private final Class<T> targetType;

    Relationship(Class<X> ownerType, String name, Class<T> targetType) {
        this.ownerType = Objects.requireNonNull(ownerType, "ownerType");
        this.name = Objects.requireNonNull(name, "name");
        this.targetType = Objects.requireNonNull(targetType, "targetType");
    }

    /** The entity class that declares the field. */
    public final Class<X> ownerType() {
        return ownerType;
    }

    /** The field's name. */
    public final String name() {
        return name;
    }

    /** The entity class the relationship leads to. */
    public final Class<T> targetType() {
        return targetType;
    }

    /** {@code Order.customer}, for messages. */
    @Override
    public final String toString() {
        return ownerType.getSimpleName() + "." + name;
    }
}
