package io.athanor.orm.internal.mapping;

import io.athanor.orm.MappingException;
import io.athanor.orm.annotations.Column;
import io.athanor.orm.annotations.Entity;
import io.athanor.orm.enhance.EnhancedEntity;
import io.athanor.orm.enhance.EnhancedProperties;
import io.athanor.sql.ColumnOption;
import io.athanor.sql.Table;
import io.athanor.orm.annotations.ManyToOne;
import io.athanor.orm.annotations.OneToMany;
import io.athanor.sql.ForeignKey;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /**
     * The key of an entity object, read through its {@code @Id} field (for criteria such as
     * {@code ToOne.eq(target)}, which have no session); fails naming the class when it is not an entity.
     */
    public static Object keyOf(Object entity) {
        Class<?> type = entity.getClass();
        if (!type.isAnnotationPresent(Entity.class)) {
            throw new MappingException(type.getName() + " is not an entity: annotate it with @Entity");
        }
        FieldRule.Selection<Class<?>, Field> selection = FieldRule.select(type, ClassHierarchy.INSTANCE);
        if (selection.id() == null) {
            throw new MappingException(type.getName() + ": an @Entity class needs an @Id field");
        }
        try {
            return (Object) Accessors.of(type).getter(selection.id().field()).invokeExact(entity);
        } catch (Throwable t) {
            throw new MappingException("cannot read the key of a " + type.getName() + ": " + t, t);
        }
    }

    /** Reads one entity that has no relationships to other entities (for tools and tests). */
    @SuppressWarnings("unchecked")
    public static <E> EntityMapping<E> read(Class<E> type, int ordinal) {
        if (ordinal != 0) {
            throw new IllegalArgumentException("read one entity at ordinal 0; readAll reads a factory's entities");
        }
        return (EntityMapping<E>) readAll(List.of(type)).get(0);
    }

    /**
     * Reads the entities of one factory, in their given order (their ordinals), building their tables
     * together so that foreign keys may reference each other, and links every relationship to its
     * target. A relationship to a class that is not among {@code types}, a {@code mappedBy} that
     * names no {@code @ManyToOne} back, or a relationship on a class that was not enhanced fails here,
     * naming entity and attribute.
     */
    public static List<EntityMapping<?>> readAll(List<Class<?>> types) {
        List<Read> reads = new ArrayList<>();
        Map<Class<?>, Read> byType = new LinkedHashMap<>();
        for (Class<?> type : types) {
            Read r = new Read(type, selection(type));
            reads.add(r);
            byType.put(type, r);
        }
        for (Read r : reads) {
            r.addColumns(byType);
        }
        for (Read r : reads) {
            r.addForeignKeys(byType);
        }
        List<Table> tables = Table.buildAll(reads.stream().map(r -> r.table).toArray(Table.Builder[]::new));
        List<EntityMapping<?>> mappings = new ArrayList<>();
        for (int i = 0; i < reads.size(); i++) {
            mappings.add(reads.get(i).mapping(i, tables.get(i)));
        }
        link(mappings);
        return List.copyOf(mappings);
    }

    private static FieldRule.Selection<Class<?>, Field> selection(Class<?> type) {
        Entity entity = type.getAnnotation(Entity.class);
        if (entity == null) {
            throw new MappingException(type.getName() + " is not an entity: annotate it with @Entity");
        }
        if (Modifier.isFinal(type.getModifiers()) || type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
            throw new MappingException(type.getName() + " cannot be an entity: it must be a concrete, non-final class");
        }
        FieldRule.Selection<Class<?>, Field> selection = FieldRule.select(type, ClassHierarchy.INSTANCE);
        if (!selection.ok()) {
            throw new MappingException(selection.problems().stream().map(FieldRule.Problem::message)
                    .collect(Collectors.joining("; ")));
        }
        if (selection.fields().size() > 64) {
            throw new MappingException(type.getName() + " maps " + selection.fields().size()
                    + " fields; at most 64 are supported");
        }
        return selection;
    }

    /** The table name of an entity class: {@code @Entity(table)}, or the class name in snake_case. */
    static String tableName(Class<?> type) {
        Entity entity = type.getAnnotation(Entity.class);
        return entity.table().isEmpty() ? MappingRules.snakeCase(type.getSimpleName()) : entity.table();
    }

    /** Links references to their targets and collections to the reference their {@code mappedBy} names. */
    private static void link(List<EntityMapping<?>> mappings) {
        Map<Class<?>, EntityMapping<?>> byType = new HashMap<>();
        mappings.forEach(m -> byType.put(m.type(), m));
        for (EntityMapping<?> m : mappings) {
            for (ToOneMapping t : m.toOnes()) {
                t.link(byType.get(t.targetType()));
            }
        }
        for (EntityMapping<?> m : mappings) {
            for (ToManyMapping c : m.toManys()) {
                EntityMapping<?> target = byType.get(c.elementType());
                Attribute back = target.attribute(c.mappedByName());
                if (!(back instanceof ToOneMapping reference) || reference.targetType() != m.type()) {
                    throw new MappingException(c + ": @OneToMany(mappedBy = \"" + c.mappedByName() + "\") names no"
                            + " @ManyToOne " + m.name() + " field of " + target.name() + "; "
                            + target.name() + "'s references to " + m.name() + ": " + target.toOnes().stream()
                            .filter(t -> t.targetType() == m.type()).map(Attribute::name).toList());
                }
                if (reference.inverse() != null) {
                    throw new MappingException(c + " and " + reference.inverse() + " are both mapped by " + reference
                            + "; one @ManyToOne has at most one @OneToMany side");
                }
                c.link(target, reference);
                reference.linkInverse(c);
            }
        }
    }

    /** One entity being read: its selected fields, its table builder, and then its attributes. */
    private static final class Read {
        private final Class<?> type;
        private final FieldRule.Selection<Class<?>, Field> selection;
        private final Table.Builder table;

        Read(Class<?> type, FieldRule.Selection<Class<?>, Field> selection) {
            this.type = type;
            this.selection = selection;
            this.table = Table.builder(tableName(type));
        }

        private String where(Field f) {
            return type.getSimpleName() + "." + f.getName();
        }

        void addColumns(Map<Class<?>, Read> entities) {
            Field idField = selection.id().field();
            Field versionField = selection.version() == null ? null : selection.version().field();
            for (FieldRule.Mapped<Class<?>, Field> m : selection.fields()) {
                Field f = m.field();
                switch (m.facts().relation()) {
                    case MANY_TO_ONE -> addReference(f, target(f, f.getType(), entities));
                    case ONE_TO_MANY -> target(f, elementType(f), entities);
                    case NONE -> addProperty(f, f == idField, f == versionField);
                }
            }
        }

        private void addProperty(Field f, boolean isId, boolean isVersion) {
            String where = where(f);
            Class<?> boxed = boxed(f.getType());
            String typeName = f.getType() == byte[].class ? "byte[]" : boxed.getName();
            if (!boxed.isEnum() && !MappingRules.SUPPORTED_TYPES.contains(typeName)) {
                throw new MappingException(where + ": unsupported property type " + f.getGenericType().getTypeName()
                        + "; supported: " + MappingRules.SUPPORTED_TYPES + " and enums (a reference to another"
                        + " entity is annotated @ManyToOne, a collection of them @OneToMany)");
            }
            List<ColumnOption> options = new ArrayList<>();
            if (isId) {
                options.add(ColumnOption.PRIMARY_KEY);
                if (MappingRules.GENERATED_ID_TYPES.contains(typeName)) {
                    options.add(ColumnOption.GENERATED);
                }
            }
            Column column = f.getAnnotation(Column.class);
            if (!isId && (f.getType().isPrimitive() || isVersion || (column != null && !column.nullable()))) {
                options.add(ColumnOption.NOT_NULL);
            }
            if (column != null && column.unique()) {
                options.add(ColumnOption.UNIQUE);
            }
            addColumn(table, columnName(f), boxed, column, options.toArray(ColumnOption[]::new), where);
        }

        /** The foreign-key column, typed like the target's key. */
        private void addReference(Field f, Read target) {
            Column column = f.getAnnotation(Column.class);
            if (column != null && (column.precision() != 0 || column.scale() != -1)) {
                throw new MappingException(where(f) + ": @Column(precision, scale) does not apply to a @ManyToOne;"
                        + " the foreign key takes the type of " + target.type.getSimpleName() + "'s key");
            }
            List<ColumnOption> options = new ArrayList<>();
            if (column != null && !column.nullable()) {
                options.add(ColumnOption.NOT_NULL);
            }
            if (column != null && column.unique()) {
                options.add(ColumnOption.UNIQUE);
            }
            Field targetId = target.selection.id().field();
            Column targetColumn = targetId.getAnnotation(Column.class);
            int scale = targetColumn == null ? -1 : targetColumn.scale();
            if (scale >= 0) {
                table.decimal(columnName(f), targetColumn.precision(), scale, options.toArray(ColumnOption[]::new));
            } else {
                table.column(columnName(f), boxed(targetId.getType()), options.toArray(ColumnOption[]::new));
            }
        }

        void addForeignKeys(Map<Class<?>, Read> entities) {
            for (FieldRule.Mapped<Class<?>, Field> m : selection.fields()) {
                if (m.facts().relation() == FieldRule.Relation.MANY_TO_ONE) {
                    Field f = m.field();
                    Read target = entities.get(f.getType());
                    String targetColumn = columnName(target.selection.id().field());
                    ForeignKey.OnDelete onDelete = ForeignKey.OnDelete.valueOf(
                            f.getAnnotation(ManyToOne.class).onDelete().name());
                    if (target == this) {
                        table.foreignKeyToSelf(columnName(f), targetColumn, onDelete);
                    } else {
                        table.foreignKey(columnName(f), target.table, targetColumn, onDelete);
                    }
                }
            }
        }

        /** The entity of this factory that a relationship of {@code f} targets; fails naming it otherwise. */
        private Read target(Field f, Class<?> targetType, Map<Class<?>, Read> entities) {
            Read target = targetType == null ? null : entities.get(targetType);
            if (target == null) {
                throw new MappingException(where(f) + ": " + (f.isAnnotationPresent(ManyToOne.class) ? "@ManyToOne" : "@OneToMany")
                        + " to " + (targetType == null ? f.getGenericType().getTypeName() : targetType.getName())
                        + ", which is not an entity of this SessionFactory; mapped: "
                        + entities.keySet().stream().map(Class::getName).toList()
                        + ". Annotate it with @Entity and list it in SessionFactory.builder().entities(...)");
            }
            return target;
        }

        private static Class<?> elementType(Field f) {
            if (f.getGenericType() instanceof ParameterizedType pt && pt.getActualTypeArguments().length == 1
                    && pt.getActualTypeArguments()[0] instanceof Class<?> c) {
                return c;
            }
            return null;
        }

        private static String columnName(Field f) {
            Column column = f.getAnnotation(Column.class);
            return MappingRules.columnName(f.getName(), column == null ? null : column.name(),
                    f.isAnnotationPresent(ManyToOne.class));
        }

        EntityMapping<?> mapping(int ordinal, Table built) {
            boolean enhanced = EnhancedEntity.class.isAssignableFrom(type);
            Accessors accessors = Accessors.of(type);
            List<Attribute> attributes = new ArrayList<>();
            PropertyMapping id = null;
            PropertyMapping version = null;
            String entity = type.getSimpleName();
            for (FieldRule.Mapped<Class<?>, Field> m : selection.fields()) {
                Field f = m.field();
                int index = attributes.size();
                Attribute a = switch (m.facts().relation()) {
                    case MANY_TO_ONE -> new ToOneMapping(entity, f.getName(), index, built.column(columnName(f)),
                            f.getType(), f.getAnnotation(ManyToOne.class).onDelete(),
                            (int) attributes.stream().filter(ToOneMapping.class::isInstance).count(),
                            accessors.getter(f), accessors.setter(f));
                    case ONE_TO_MANY -> {
                        OneToMany annotation = f.getAnnotation(OneToMany.class);
                        yield new ToManyMapping(entity, f.getName(), index, elementType(f), annotation.mappedBy(),
                                annotation.orphanRemoval(), f.getType() == java.util.Set.class,
                                accessors.getter(f), accessors.setter(f));
                    }
                    case NONE -> new PropertyMapping(entity, f.getName(), index, built.column(columnName(f)),
                            f.getType().isPrimitive(), accessors.getter(f), accessors.setter(f));
                };
                attributes.add(a);
                id = f == selection.id().field() ? (PropertyMapping) a : id;
                version = selection.version() != null && f == selection.version().field() ? (PropertyMapping) a : version;
            }
            if (enhanced) {
                checkEnhancedOrder(type, selection);
            } else if (attributes.stream().anyMatch(a -> !(a instanceof PropertyMapping))) {
                throw new MappingException(type.getName() + " has relationships but was not enhanced: lazy loading and"
                        + " keeping both sides of a relationship in agreement need the build's enhancer"
                        + " (see the README, \"Using Athanor in your project\")");
            }
            return new EntityMapping<>(type, ordinal, built, attributes, id, version, accessors.constructor(), enhanced);
        }
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
