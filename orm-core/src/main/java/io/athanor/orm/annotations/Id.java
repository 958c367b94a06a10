package io.athanor.orm.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the primary key field (it may be declared in a plain superclass). A {@code Long} or
 * {@code Integer} id that is null at insert is assigned by the database and written back into the
 * object; an id of another type ({@code String}, {@code UUID}) is set by the program. A primitive
 * id ({@code long}, {@code int}) is refused: it is never null, so the database could never assign it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface Id {
}
