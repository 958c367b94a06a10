package io.athanor.orm.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Renames or constrains a mapped field's column. */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface Column {
    /** The column name; empty means the field name in snake_case. */
    String name() default "";

    /** False adds NOT NULL. Primitive fields and the id are never nullable. */
    boolean nullable() default true;

    /** True adds a UNIQUE constraint. */
    boolean unique() default false;
}
