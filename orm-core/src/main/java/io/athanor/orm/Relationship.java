package io.athanor.orm;

/**
 * A relationship attribute of the metamodel: {@link ToOne} ({@code @ManyToOne}) or {@link ToMany}
 * ({@code @OneToMany}). {@code Query.load} takes these to load a relationship for every result.
 * Immutable and thread-safe.
 *
 * @param <X> the entity that declares it
 * @param <T> the entity it leads to
 */
public sealed interface Relationship<X, T> permits ToOne, ToMany {
    /** The entity class that declares the field. */
    Class<X> ownerType();

    /** The field's name. */
    String name();

    /** The entity class the relationship leads to. */
    Class<T> targetType();
}
