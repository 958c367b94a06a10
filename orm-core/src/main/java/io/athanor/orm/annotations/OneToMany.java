package io.athanor.orm.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The other side of a {@link ManyToOne}: a {@code List<E>} or {@code Set<E>} of the entities whose
 * {@code @ManyToOne} field named by {@link #mappedBy()} references this object. It has no column of
 * its own; adding an element sets the element's reference, removing one clears it (or deletes the
 * element, with {@link #orphanRemoval()}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface OneToMany {
    /** The name of the element entity's {@code @ManyToOne} field that references this entity. */
    String mappedBy();

    /**
     * True: an element removed from the collection, or whose parent is deleted, is deleted. False:
     * its reference is set to NULL (a NOT NULL foreign key makes that flush fail before any SQL).
     */
    boolean orphanRemoval() default false;
}
