package io.athanor.orm.internal.mapping;

import io.athanor.orm.MappingException;
import io.athanor.orm.annotations.Column;
import io.athanor.orm.annotations.Entity;
import io.athanor.orm.enhance.EnhancedEntity;
import io.athanor.orm.enhance.EnhancedProperties;
import io.athanor.sql.ColumnOption;
import io.athanor.sql.Table;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads an entity class into an {@link EntityMapping} by reflection, with the same rules as the
 * metamodel processor ({@link FieldRule}, {@link MappingRules}), so {@code X_.TABLE} and the runtime
 * table agree.
 * Every failure names the class and, where there is one, the field.
 */
public final class MappingReader {
    private MappingReader() {
    }

    public static <E> EntityMapping<E> read(Class<E> type, int ordinal) {
        Entity entity = type.getAnnotation(Entity.class);
        if (entity == null) {
            throw new MappingException(type.getName() + " is not an entity: annotate it with @Entity");
        }
        if (Modifier.isFinal(type.getModifiers()) || type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
            throw new MappingException(type.getName() + " cannot be an entity: it must be a concrete, non-final class");
        }
        String tableName = entity.table().isEmpty() ? MappingRules.snakeCase(type.getSimpleName()) : entity.table();
        FieldRule.Selection<Class<?>, Field> selection = FieldRule.select(type, ClassHierarchy.INSTANCE);
        if (!selection.ok()) {
            throw new MappingException(selection.problems().stream().map(FieldRule.Problem::message)
                    .collect(Collectors.joining("; ")));
        }
        List<Field> fields = fields(selection);
        if (fields.size() > 64) {
            throw new MappingException(type.getName() + " maps " + fields.size() + " fields; at most 64 are supported");
        }
        Table.Builder table = Table.builder(tableName);
        Field idField = selection.id().field();
        Field versionField = selection.version() == null ? null : selection.version().field();
        for (Field f : fields) {
            String where = type.getSimpleName() + "." + f.getName();
            Class<?> boxed = boxed(f.getType());
            String typeName = f.getType() == byte[].class ? "byte[]" : boxed.getName();
            if (!boxed.isEnum() && !MappingRules.SUPPORTED_TYPES.contains(typeName)) {
                throw new MappingException(where + ": unsupported property type " + f.getGenericType().getTypeName()
                        + "; supported: " + MappingRules.SUPPORTED_TYPES + " and enums");
            }
            List<ColumnOption> options = new ArrayList<>();
            if (f == idField) {
                options.add(ColumnOption.PRIMARY_KEY);
                if (MappingRules.GENERATED_ID_TYPES.contains(typeName)) {
                    options.add(ColumnOption.GENERATED);
                }
            }
            boolean isVersion = f == versionField;
            Column column = f.getAnnotation(Column.class);
            if (f != idField && (f.getType().isPrimitive() || isVersion
                    || (column != null && !column.nullable()))) {
                options.add(ColumnOption.NOT_NULL);
            }
            if (column != null && column.unique()) {
                options.add(ColumnOption.UNIQUE);
            }
            String columnName = column != null && !column.name().isEmpty() ? column.name() : MappingRules.snakeCase(f.getName());
            addColumn(table, columnName, boxed, column, options.toArray(ColumnOption[]::new), where);
        }
        Table built = table.build();
        Accessors accessors = Accessors.of(type);
        List<PropertyMapping> properties = new ArrayList<>(fields.size());
        PropertyMapping id = null;
        PropertyMapping version = null;
        for (int i = 0; i < fields.size(); i++) {
            Field f = fields.get(i);
            PropertyMapping p = new PropertyMapping(type.getSimpleName(), f.getName(), built.columns().get(i),
                    f.getType().isPrimitive(), accessors.getter(f), accessors.setter(f));
            properties.add(p);
            id = f == idField ? p : id;
            version = f == versionField ? p : version;
        }
        boolean enhanced = EnhancedEntity.class.isAssignableFrom(type);
        if (enhanced) {
            checkEnhancedOrder(type, selection);
        }
        return new EntityMapping<>(type, ordinal, built, properties, id, version, accessors.constructor(), enhanced);
    }

    /** Adds the column as the metamodel processor writes it: a decimal declaring its scale with its precision. */
    private static void addColumn(Table.Builder table, String name, Class<?> type, Column column, ColumnOption[] options,
            String where) {
        int precision = column == null ? 0 : column.precision();
        int scale = column == null ? -1 : column.scale();
        MappingRules.decimalProblem(type.getName(), precision, scale).ifPresent(problem -> {
            throw new MappingException(where + ": " + problem);
        });
        if (scale >= 0) {
            table.decimal(name, precision, scale, options);
        } else {
            table.column(name, type, options);
        }
    }

    /** The mapped fields of {@code type} and its superclasses, as {@link FieldRule} selects them (problems aside). */
    static List<Field> mappedFields(Class<?> type) {
        return fields(FieldRule.select(type, ClassHierarchy.INSTANCE));
    }

    private static List<Field> fields(FieldRule.Selection<Class<?>, Field> selection) {
        return selection.fields().stream().map(FieldRule.Mapped::field).toList();
    }

    /**
     * The enhancer numbers properties in class-file order, superclass fields first; reflection must
     * agree or tracking would hit the wrong column. Each superclass that declares mapped fields must
     * have been enhanced too (its own methods read and write them), with the same numbers.
     */
    private static void checkEnhancedOrder(Class<?> type, FieldRule.Selection<Class<?>, Field> selection) {
        String[] names = selection.fields().stream().map(m -> m.facts().name()).toArray(String[]::new);
        String[] enhancedAs = enhancedProperties(type);
        if (!Arrays.equals(enhancedAs, names)) {
            throw new MappingException(type.getName() + " was enhanced with properties "
                    + (enhancedAs == null ? "(unknown)" : Arrays.toString(enhancedAs)) + " but maps " + Arrays.toString(names)
                    + "; rebuild it so the enhancer runs on the current class");
        }
        for (Class<?> s = ClassHierarchy.INSTANCE.superclass(type); s != null; s = ClassHierarchy.INSTANCE.superclass(s)) {
            List<FieldRule.Mapped<Class<?>, Field>> declared = selection.declaredBy(s);
            if (declared.isEmpty()) {
                continue;
            }
            String[] prefix = Arrays.copyOf(names, selection.fields().indexOf(declared.get(declared.size() - 1)) + 1);
            String[] superAs = enhancedProperties(s);
            if (!Arrays.equals(superAs, prefix)) {
                throw new MappingException(type.getName() + " was enhanced, but its superclass " + s.getName()
                        + ", which declares the mapped fields " + declared.stream().map(m -> m.facts().name()).toList()
                        + (superAs == null ? ", was not: changes its own methods make would not be tracked; compile "
                                + s.getSimpleName() + " in the same module as " + type.getSimpleName()
                                + " so that the build's enhancer enhances it too"
                                : ", was enhanced with properties " + Arrays.toString(superAs) + " instead of "
                                + Arrays.toString(prefix) + "; rebuild both"));
            }
        }
    }

    private static String[] enhancedProperties(Class<?> type) {
        EnhancedProperties order = type.getDeclaredAnnotation(EnhancedProperties.class);
        return order == null ? null : order.value();
    }

    static Class<?> boxed(Class<?> t) {
        if (!t.isPrimitive()) {
            return t;
        }
        return t == int.class ? Integer.class : t == long.class ? Long.class : t == double.class ? Double.class
                : t == boolean.class ? Boolean.class : t;
    }
}
