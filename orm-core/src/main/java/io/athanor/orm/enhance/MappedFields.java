package io.athanor.orm.enhance;

import io.athanor.orm.annotations.Transient;
import io.athanor.orm.internal.mapping.FieldRule;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.bytebuddy.description.field.FieldDescription;
import net.bytebuddy.description.type.TypeDescription;

/**
 * The mapped fields of one class as the enhancer sees them, selected by the shared {@link FieldRule}:
 * the fields of its superclasses first, then its own, in class-file order, leaving out static,
 * Java-{@code transient}, {@link Transient @Transient} and synthetic ones. A field's position in
 * this list is its property number. Because a superclass's fields come first, a superclass field
 * has the same number in every class that extends it, so one enhanced superclass serves all its
 * entities.
 *
 * <p>Synthetic fields are left out because the compiler adds them (an inner class's
 * {@code this$0}, say); they are no column, and {@code this$0} is written before the super
 * constructor runs, where no accessor may be called.
 *
 * <p>Mapping errors (a missing {@code @Id}, a hidden field) are left to the processor and to
 * {@code SessionFactory.build()}, which report them with the class and field at fault.
 */
final class MappedFields {
    private final TypeDescription type;
    private final FieldRule.Selection<TypeDescription, FieldDescription.InDefinedShape> selection;
    private final Map<String, Integer> numbers = new HashMap<>();

    private MappedFields(TypeDescription type, FieldRule.Selection<TypeDescription, FieldDescription.InDefinedShape> selection) {
        this.type = type;
        this.selection = selection;
        List<FieldRule.Mapped<TypeDescription, FieldDescription.InDefinedShape>> fields = selection.fields();
        for (int i = 0; i < fields.size(); i++) {
            numbers.put(key(fields.get(i).facts().name(), fields.get(i).field().getDescriptor()), i);
        }
    }

    /** Collects the mapped fields of {@code type} and its superclasses. */
    static MappedFields of(TypeDescription type) {
        return new MappedFields(type, FieldRule.select(type, DescriptionHierarchy.INSTANCE));
    }

    /** The field with this property number. */
    FieldDescription.InDefinedShape field(int property) {
        return selection.fields().get(property).field();
    }

    /** How many fields are mapped, inherited ones included. */
    int size() {
        return selection.fields().size();
    }

    /** True when the field of this number is declared by the class itself rather than inherited. */
    boolean isOwn(int property) {
        return selection.fields().get(property).declaringType().equals(type);
    }

    /** True when the field of this number is a relationship (its writer also calls {@code afterWrite}). */
    boolean isRelationship(int property) {
        return selection.fields().get(property).facts().relation() != FieldRule.Relation.NONE;
    }

    /** The field names in property order, as written into {@link EnhancedProperties}. */
    String[] names() {
        return selection.fields().stream().map(m -> m.facts().name()).toArray(String[]::new);
    }

    /** The superclasses that declare mapped fields, the farthest first. */
    List<TypeDescription> mappedSuperclasses() {
        return selection.fields().stream().map(FieldRule.Mapped::declaringType).filter(t -> !t.equals(type))
                .distinct().toList();
    }

    /** The names of the mapped fields {@code declaring} declares. */
    List<String> declaredNames(TypeDescription declaring) {
        return selection.declaredBy(declaring).stream().map(m -> m.facts().name()).toList();
    }

    /**
     * The property number of the mapped field with this name and descriptor, or -1. The descriptor
     * is checked too because a class file may in principle declare two fields of one name with
     * different types. Names are unique over the hierarchy: {@link FieldRule} refuses hiding.
     */
    int find(String name, String descriptor) {
        return numbers.getOrDefault(key(name, descriptor), -1);
    }

    private static String key(String name, String descriptor) {
        return name + ':' + descriptor;
    }
}
