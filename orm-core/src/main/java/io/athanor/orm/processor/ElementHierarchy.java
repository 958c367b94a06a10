package io.athanor.orm.processor;

import io.athanor.orm.annotations.Entity;
import io.athanor.orm.annotations.Id;
import io.athanor.orm.annotations.ManyToOne;
import io.athanor.orm.annotations.OneToMany;
import io.athanor.orm.annotations.Transient;
import io.athanor.orm.annotations.Version;
import io.athanor.orm.internal.mapping.FieldRule;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;

/**
 * {@link FieldRule}'s view of classes as the compiler sees them. Source has no synthetic fields, and
 * a superclass read from a class file lists its fields in class-file order, its declaration order.
 */
final class ElementHierarchy implements FieldRule.Hierarchy<TypeElement, VariableElement> {
    private final Function<TypeElement, String> names;

    /** {@code names}: how messages name a class. */
    ElementHierarchy(Function<TypeElement, String> names) {
        this.names = names;
    }

    @Override
    public TypeElement superclass(TypeElement type) {
        TypeMirror s = type.getSuperclass();
        if (s.getKind() != TypeKind.DECLARED) {
            return null;
        }
        TypeElement element = (TypeElement) ((DeclaredType) s).asElement();
        return element.getQualifiedName().contentEquals("java.lang.Object") ? null : element;
    }

    @Override
    public String typeName(TypeElement type) {
        return names.apply(type);
    }

    @Override
    public boolean isEntity(TypeElement type) {
        return type.getAnnotation(Entity.class) != null;
    }

    @Override
    public List<VariableElement> declaredFields(TypeElement type) {
        return ElementFilter.fieldsIn(type.getEnclosedElements());
    }

    @Override
    public FieldRule.FieldFacts facts(VariableElement field) {
        Set<Modifier> modifiers = field.getModifiers();
        return new FieldRule.FieldFacts(field.getSimpleName().toString(), typeName(field.asType()),
                modifiers.contains(Modifier.STATIC), modifiers.contains(Modifier.TRANSIENT), false,
                field.getAnnotation(Transient.class) != null, field.getAnnotation(Id.class) != null,
                field.getAnnotation(Version.class) != null,
                FieldRule.Relation.of(field.getAnnotation(ManyToOne.class) != null, field.getAnnotation(OneToMany.class) != null),
                field.getAnnotation(ManyToOne.class) != null && field.getAnnotation(OneToMany.class) != null);
    }

    /** A primitive's name (from its kind, so type annotations do not show), else the erasure's qualified name. */
    private static String typeName(TypeMirror type) {
        if (type.getKind().isPrimitive()) {
            return type.getKind().name().toLowerCase(Locale.ROOT);
        }
        if (type.getKind() == TypeKind.DECLARED) {
            return ((TypeElement) ((DeclaredType) type).asElement()).getQualifiedName().toString();
        }
        return type.toString();
    }
}
