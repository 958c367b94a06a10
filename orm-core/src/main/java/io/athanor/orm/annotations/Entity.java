package io.athanor.orm.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class as mapped to a table. The class must not be final and needs a no-argument
 * constructor (any visibility). Every non-static, non-{@code transient} field is a mapped column
 * unless marked {@link Transient}, and so is every such field of its superclasses, which must not
 * be entities themselves: their columns come first (a plain superclass works like JPA's mapped
 * superclass, with nothing to annotate). A field may not hide a superclass field of the same name.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Entity {
    /** The table name; empty means the class's simple name in snake_case. */
    String table() default "";
}
