package io.athanor.orm.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Renames or constrains a mapped field's column; declares a decimal column's precision and scale. */
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

    /**
     * For a {@code BigDecimal} field: the total number of digits the column holds, with
     * {@link #scale()}; 0 means the dialect's largest (SQLite 18, MariaDB 65, PostgreSQL 1000).
     */
    int precision() default 0;

    /**
     * For a {@code BigDecimal} field: the number of decimal places the column holds
     * ({@code DECIMAL(precision, scale)}); -1, the default, declares none. Values with more places
     * are refused, never rounded. Declare it to order and range-compare the column on SQLite, which
     * then stores an exact scaled integer; without it SQLite stores text and allows only = and <>.
     */
    int scale() default -1;
}
