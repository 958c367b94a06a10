package io.athanor.orm.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an {@code int}/{@code long} (or boxed) field as the optimistic-lock version: every UPDATE
 * and DELETE of the entity checks it and bumps it; a mismatch raises
 * {@link io.athanor.orm.StaleObjectException}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface Version {
}
