package io.athanor.orm.internal.mapping;

import io.athanor.orm.MappingException;
import io.athanor.orm.annotations.Column;
import io.athanor.orm.annotations.Entity;
import io.athanor.orm.annotations.Id;
import io.athanor.orm.annotations.Transient;
import io.athanor.orm.annotations.Version;
import io.athanor.orm.enhance.EnhancedEntity;
import io.athanor.orm.enhance.EnhancedProperties;
import io.athanor.sql.ColumnOption;
import io.athanor.sql.Table;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads an entity class into an {@link EntityMapping} by reflection, with the same rules as the
 * metamodel processor ({@link MappingRules}), so {@code X_.TABLE} and the runtime table agree.
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
        List<Field> fields = mappedFields(type);
        if (fields.size() > 64) {
            throw new MappingException(type.getName() + " maps " + fields.size() + " fields; at most 64 are supported");
        }
        Table.Builder table = Table.builder(tableName);
        Field idField = null;
        Field versionField = null;
        for (Field f : fields) {
            String where = type.getSimpleName() + "." + f.getName();
            Class<?> boxed = boxed(f.getType());
            String typeName = f.getType() == byte[].class ? "byte[]" : boxed.getName();
            if (!boxed.isEnum() && !MappingRules.SUPPORTED_TYPES.contains(typeName)) {
                throw new MappingException(where + ": unsupported property type " + f.getGenericType().getTypeName()
                        + "; supported: " + MappingRules.SUPPORTED_TYPES + " and enums");
            }
            List<ColumnOption> options = new ArrayList<>();
            if (f.isAnnotationPresent(Id.class)) {
                if (idField != null) {
                    throw new MappingException(type.getName() + " has two @Id fields: " + idField.getName() + " and " + f.getName());
                }
                idField = f;
                options.add(ColumnOption.PRIMARY_KEY);
                if (!f.getType().isPrimitive() && MappingRules.GENERATED_ID_TYPES.contains(typeName)) {
                    options.add(ColumnOption.GENERATED);
                }
            }
            boolean isVersion = f.isAnnotationPresent(Version.class);
            if (isVersion) {
                if (versionField != null) {
                    throw new MappingException(type.getName() + " has two @Version fields: " + versionField.getName() + " and " + f.getName());
                }
                if (!MappingRules.VERSION_TYPES.contains(typeName)) {
                    throw new MappingException(where + ": @Version must be int, long, Integer or Long, not " + typeName);
                }
                versionField = f;
            }
            Column column = f.getAnnotation(Column.class);
            if (!f.isAnnotationPresent(Id.class) && (f.getType().isPrimitive() || isVersion
                    || (column != null && !column.nullable()))) {
                options.add(ColumnOption.NOT_NULL);
            }
            if (column != null && column.unique()) {
                options.add(ColumnOption.UNIQUE);
            }
            String columnName = column != null && !column.name().isEmpty() ? column.name() : MappingRules.snakeCase(f.getName());
            addColumn(table, columnName, boxed, column, options.toArray(ColumnOption[]::new), where);
        }
        if (idField == null) {
            throw new MappingException(type.getName() + " has no @Id field; every entity needs a primary key");
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
            checkEnhancedOrder(type, fields);
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

    /** Mapped fields: declared in the class, not static, transient, synthetic or @Transient, in declaration order. */
    static List<Field> mappedFields(Class<?> type) {
        List<Field> out = new ArrayList<>();
        for (Field f : type.getDeclaredFields()) {
            int m = f.getModifiers();
            if (!Modifier.isStatic(m) && !Modifier.isTransient(m) && !f.isSynthetic()
                    && !f.getName().startsWith("$athanor$") && !f.isAnnotationPresent(Transient.class)) {
                out.add(f);
            }
        }
        return out;
    }

    /** The enhancer numbers properties in class-file order; reflection must agree or tracking would hit the wrong column. */
    private static void checkEnhancedOrder(Class<?> type, List<Field> fields) {
        EnhancedProperties order = type.getAnnotation(EnhancedProperties.class);
        String[] names = fields.stream().map(Field::getName).toArray(String[]::new);
        if (order == null || !Arrays.equals(order.value(), names)) {
            throw new MappingException(type.getName() + " was enhanced with properties "
                    + (order == null ? "(unknown)" : Arrays.toString(order.value())) + " but maps " + Arrays.toString(names)
                    + "; rebuild it so the enhancer runs on the current class");
        }
    }

    static Class<?> boxed(Class<?> t) {
        if (!t.isPrimitive()) {
            return t;
        }
        return t == int.class ? Integer.class : t == long.class ? Long.class : t == double.class ? Double.class
                : t == boolean.class ? Boolean.class : t;
    }
}
