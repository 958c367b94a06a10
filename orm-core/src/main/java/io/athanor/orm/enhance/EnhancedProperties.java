package io.athanor.orm.enhance;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Put on an enhanced class by {@link EntityEnhancer}: the mapped field names, in the order whose
 * positions are the property numbers passed to {@link PropertyInterceptor}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EnhancedProperties {
    String[] value();
}
