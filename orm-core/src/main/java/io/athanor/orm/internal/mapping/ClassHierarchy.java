package io.athanor.orm.internal.mapping;

import io.athanor.orm.annotations.Entity;
import io.athanor.orm.annotations.Id;
import io.athanor.orm.annotations.ManyToOne;
import io.athanor.orm.annotations.OneToMany;
import io.athanor.orm.annotations.Transient;
import io.athanor.orm.annotations.Version;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;

/** {@link FieldRule}'s view of loaded classes, through reflection. */
final class ClassHierarchy implements FieldRule.Hierarchy<Class<?>, Field> {
    static final ClassHierarchy INSTANCE = new ClassHierarchy();

    private ClassHierarchy() {
    }

    @Override
    public Class<?> superclass(Class<?> type) {
        Class<?> s = type.getSuperclass();
        return s == null || s == Object.class ? null : s;
    }

    @Override
    public String typeName(Class<?> type) {
        return type.getName();
    }

    @Override
    public boolean isEntity(Class<?> type) {
        return type.isAnnotationPresent(Entity.class);
    }

    /** In class-file order, which is declaration order (what HotSpot's getDeclaredFields returns). */
    @Override
    public List<Field> declaredFields(Class<?> type) {
        return List.of(type.getDeclaredFields());
    }

    @Override
    public FieldRule.FieldFacts facts(Field f) {
        int m = f.getModifiers();
        return new FieldRule.FieldFacts(f.getName(), f.getType().getTypeName(), Modifier.isStatic(m),
                Modifier.isTransient(m), f.isSynthetic(), f.isAnnotationPresent(Transient.class),
                f.isAnnotationPresent(Id.class), f.isAnnotationPresent(Version.class),
                FieldRule.Relation.of(f.isAnnotationPresent(ManyToOne.class), f.isAnnotationPresent(OneToMany.class)),
                f.isAnnotationPresent(ManyToOne.class) && f.isAnnotationPresent(OneToMany.class));
    }
}
