package io.athanor.orm.enhance;

/**
 * Implemented by entity classes that {@link EntityEnhancer} rewrote at build time. The session
 * installs a {@link PropertyInterceptor} on each instance it manages; a detached or transient
 * instance has none. Not for user code: the method names start with {@code $athanor$} so they
 * never clash with the user's.
 */
public interface EnhancedEntity {
    /** The interceptor now installed, or null. */
    PropertyInterceptor $athanor$interceptor();

    /** Installs (or, with null, removes) the interceptor. */
    void $athanor$interceptor(PropertyInterceptor interceptor);
}
