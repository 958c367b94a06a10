package io.athanor.orm.enhance;

/**
 * Told by enhanced entity code about every read and write of a mapped field inside the entity
 * class (getters, setters and any other method), before it happens. Property numbers are positions
 * in the class's {@link EnhancedProperties} list.
 */
public interface PropertyInterceptor {
    /** Called before a mapped field is read; may load an expired value into the field first. */
    void beforeRead(Object entity, int property);

    /** Called before a mapped field is written; may record the value being replaced. */
    void beforeWrite(Object entity, int property);

    /**
     * Called after a relationship field ({@code @ManyToOne}, {@code @OneToMany}) was written, so the
     * other side can follow; not called for column properties.
     */
    default void afterWrite(Object entity, int property) {
    }
}
