package io.athanor.orm.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A reference to another entity ({@code Customer customer;}), stored in a foreign-key column named
 * {@code <snake_case field>_id} by default, typed like the target's key and referencing it.
 * {@link Column @Column(name, nullable)} on the same field renames or constrains that column. The
 * target is loaded lazily on first read (without SQL when it is in the session already), or for
 * every result of a query with {@code Query.load}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface ManyToOne {
    /** The foreign key's {@code ON DELETE} action. */
    OnDelete onDelete() default OnDelete.NO_ACTION;
}
