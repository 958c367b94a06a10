package io.athanor.orm.enhance;

import io.athanor.orm.annotations.Transient;
import net.bytebuddy.description.field.FieldDescription;
import net.bytebuddy.description.type.TypeDescription;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The mapped fields of one entity class as the enhancer sees them: fields declared in the class
 * itself that are neither static, Java-{@code transient}, {@link Transient @Transient} nor
 * synthetic, in class-file order. A field's position in this list is its property number.
 *
 * <p>Synthetic fields are left out because the compiler adds them (an inner class's
 * {@code this$0}, say); they are no column, and {@code this$0} is written before the super
 * constructor runs, where no accessor may be called.
 */
final class MappedFields {
    private final List<FieldDescription.InDefinedShape> fields;
    private final Map<String, Integer> numbers;

    private MappedFields(List<FieldDescription.InDefinedShape> fields) {
        this.fields = Collections.unmodifiableList(fields);
        Map<String, Integer> byName = new HashMap<>();
        for (int i = 0; i < fields.size(); i++) {
            byName.put(key(fields.get(i).getName(), fields.get(i).getDescriptor()), i);
        }
        this.numbers = byName;
    }

    /** Collects the mapped fields of {@code type} in class-file order. */
    static MappedFields of(TypeDescription type) {
        List<FieldDescription.InDefinedShape> mapped = new ArrayList<>();
        for (FieldDescription.InDefinedShape field : type.getDeclaredFields()) {
            if (isMapped(field)) {
                mapped.add(field);
            }
        }
        return new MappedFields(mapped);
    }

    private static boolean isMapped(FieldDescription.InDefinedShape field) {
        return !field.isStatic()
                && !field.isTransient()
                && !field.isSynthetic()
                && !field.getName().startsWith(EntityEnhancer.PREFIX)
                && !field.getDeclaredAnnotations().isAnnotationPresent(Transient.class);
    }

    /** The mapped fields; index = property number. */
    List<FieldDescription.InDefinedShape> list() {
        return fields;
    }

    /** The field names in property order, as written into {@link EnhancedProperties}. */
    String[] names() {
        String[] names = new String[fields.size()];
        for (int i = 0; i < names.length; i++) {
            names[i] = fields.get(i).getName();
        }
        return names;
    }

    /**
     * The mapped field with this name and descriptor, or null. The descriptor is checked too because
     * a class file may in principle declare two fields of one name with different types.
     */
    FieldDescription.InDefinedShape find(String name, String descriptor) {
        Integer number = numbers.get(key(name, descriptor));
        return number == null ? null : fields.get(number);
    }

    private static String key(String name, String descriptor) {
        return name + ':' + descriptor;
    }

    boolean isEmpty() {
        return fields.isEmpty();
    }
}
