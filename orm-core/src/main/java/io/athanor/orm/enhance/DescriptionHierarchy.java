package io.athanor.orm.enhance;

import io.athanor.orm.annotations.Entity;
import io.athanor.orm.annotations.Id;
import io.athanor.orm.annotations.ManyToOne;
import io.athanor.orm.annotations.OneToMany;
import io.athanor.orm.annotations.Transient;
import io.athanor.orm.annotations.Version;
import io.athanor.orm.internal.mapping.FieldRule;
import java.util.List;
import net.bytebuddy.description.annotation.AnnotationList;
import net.bytebuddy.description.field.FieldDescription;
import net.bytebuddy.description.type.TypeDefinition;
import net.bytebuddy.description.type.TypeDescription;

/** {@link FieldRule}'s view of classes as Byte Buddy describes them (from class files, in class-file order). */
final class DescriptionHierarchy implements FieldRule.Hierarchy<TypeDescription, FieldDescription.InDefinedShape> {
    static final DescriptionHierarchy INSTANCE = new DescriptionHierarchy();

    private DescriptionHierarchy() {
    }

    @Override
    public TypeDescription superclass(TypeDescription type) {
        TypeDescription.Generic s = type.getSuperClass();
        if (s == null) {
            return null;
        }
        TypeDescription erasure = s.asErasure();
        return erasure.represents(Object.class) ? null : erasure;
    }

    @Override
    public String typeName(TypeDescription type) {
        return type.getName();
    }

    @Override
    public boolean isEntity(TypeDescription type) {
        return type.getDeclaredAnnotations().isAnnotationPresent(Entity.class);
    }

    @Override
    public List<FieldDescription.InDefinedShape> declaredFields(TypeDescription type) {
        return type.getDeclaredFields();
    }

    @Override
    public FieldRule.FieldFacts facts(FieldDescription.InDefinedShape field) {
        AnnotationList annotations = field.getDeclaredAnnotations();
        TypeDefinition type = field.getType();
        return new FieldRule.FieldFacts(field.getName(), type.asErasure().getActualName(), field.isStatic(),
                field.isTransient(), field.isSynthetic(), annotations.isAnnotationPresent(Transient.class),
                annotations.isAnnotationPresent(Id.class), annotations.isAnnotationPresent(Version.class),
                FieldRule.Relation.of(annotations.isAnnotationPresent(ManyToOne.class),
                        annotations.isAnnotationPresent(OneToMany.class)),
                annotations.isAnnotationPresent(ManyToOne.class) && annotations.isAnnotationPresent(OneToMany.class));
    }
}
