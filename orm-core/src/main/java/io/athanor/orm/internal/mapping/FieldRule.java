package io.athanor.orm.internal.mapping;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which fields of an entity are mapped, in which order, and which of them are its id and version:
 * the one rule that the metamodel processor (source elements), the enhancer (Byte Buddy type
 * descriptions) and the runtime reader (reflection) all apply, each through a {@link Hierarchy}
 * adapter over its own view of classes, so that the three cannot disagree.
 *
 * <p>The rule: the mapped fields are the instance fields of the class and of its superclasses up to
 * {@code java.lang.Object} that are neither {@code static}, {@code transient}, {@code @Transient}
 * nor synthetic (nor the enhancer's own {@code $athanor$} fields); a superclass's fields come before
 * its subclass's, each class's in declaration order. It refuses, as {@link Problem}s:
 * <ul>
 *   <li>a superclass that is itself an entity (entity inheritance is not supported);</li>
 *   <li>a field of the same name as one of a superclass, where either is mapped (one would hide the other);</li>
 *   <li>{@code @Id} or {@code @Version} on a field that is not mapped;</li>
 *   <li>no {@code @Id}, two {@code @Id}s, two {@code @Version}s, {@code @Id} and {@code @Version} on one field;</li>
 *   <li>a primitive {@code @Id}: it is never null, so the database could never assign it, and every
 *       insert would write 0;</li>
 *   <li>a {@code @Version} whose type is not one of {@link MappingRules#VERSION_TYPES}.</li>
 * </ul>
 */
public final class FieldRule {
    /** Prefix of the members the enhancer adds: never mapped. */
    public static final String ENHANCER_PREFIX = "$athanor$";

    private FieldRule() {
    }

    /**
     * One side's view of classes and fields.
     *
     * @param <T> its type of class
     * @param <F> its type of field
     */
    public interface Hierarchy<T, F> {
        /** The direct superclass, or null when it is {@code java.lang.Object} or there is none. */
        T superclass(T type);

        /** The class's name as messages show it. */
        String typeName(T type);

        /** True when the class is annotated {@code @Entity}. */
        boolean isEntity(T type);

        /** The fields the class itself declares, in declaration order. */
        List<F> declaredFields(T type);

        /** What the rule needs to know of a field. */
        FieldFacts facts(F field);
    }

    /**
     * A field as the rule sees it.
     *
     * @param name the field's name
     * @param typeName its type: a primitive's name ({@code long}) or a qualified class name
     * @param isStatic declared {@code static}
     * @param isTransient declared {@code transient}
     * @param isSynthetic added by the compiler
     * @param markedTransient annotated {@code @Transient}
     * @param id annotated {@code @Id}
     * @param version annotated {@code @Version}
     * @param relation the relationship annotation on it: {@code @ManyToOne}, {@code @OneToMany}, or none
     * @param bothRelations annotated both {@code @ManyToOne} and {@code @OneToMany} (refused)
     */
    public record FieldFacts(String name, String typeName, boolean isStatic, boolean isTransient, boolean isSynthetic,
            boolean markedTransient, boolean id, boolean version, Relation relation, boolean bothRelations) {
        /** True when the field is an attribute: a column, or a relationship. */
        public boolean mapped() {
            return !isStatic && !isTransient && !isSynthetic && !markedTransient && !name.startsWith(ENHANCER_PREFIX);
        }
    }

    /** The kinds of attribute: a column property, or one side of a relationship. */
    public enum Relation {
        /** A column holding a value of a supported type. */
        NONE,
        /** {@code @ManyToOne}: a reference stored in a foreign-key column. */
        MANY_TO_ONE,
        /** {@code @OneToMany}: a collection with no column of its own. */
        ONE_TO_MANY;

        /** The relationship annotation for a field that has {@code manyToOne} and/or {@code oneToMany}. */
        public static Relation of(boolean manyToOne, boolean oneToMany) {
            return oneToMany ? ONE_TO_MANY : manyToOne ? MANY_TO_ONE : NONE;
        }
    }

    /** The collection types a {@code @OneToMany} field may be declared with. */
    public static final java.util.Set<String> COLLECTION_TYPES = java.util.Set.of("java.util.List", "java.util.Set");

    /** A mapped field and the class that declares it. */
    public record Mapped<T, F>(T declaringType, F field, FieldFacts facts) {
    }

    /**
     * A refused mapping: {@code field} is the field at fault, or null when the fault is the entity
     * class's; {@code declaringType} the class that declares that field (or the entity).
     */
    public record Problem<T, F>(T declaringType, F field, String message) {
    }

    /** The rule's answer for one class. */
    public record Selection<T, F>(List<Mapped<T, F>> fields, Mapped<T, F> id, Mapped<T, F> version,
            List<Problem<T, F>> problems) {
        /** The mapped fields declared by {@code type} itself. */
        public List<Mapped<T, F>> declaredBy(T type) {
            return fields.stream().filter(m -> m.declaringType().equals(type)).toList();
        }

        /** True when nothing was refused. */
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    /** Applies the rule to {@code entity} and its superclasses. */
    public static <T, F> Selection<T, F> select(T entity, Hierarchy<T, F> hierarchy) {
        List<Problem<T, F>> problems = new ArrayList<>();
        List<Mapped<T, F>> mapped = collect(entity, hierarchy, problems);
        Mapped<T, F> id = single(mapped, true, entity, hierarchy, problems);
        Mapped<T, F> version = single(mapped, false, entity, hierarchy, problems);
        if (id == null) {
            problems.add(new Problem<>(entity, null, hierarchy.typeName(entity) + ": an @Entity class needs an @Id field"));
        } else {
            checkId(id, entity, hierarchy, problems);
        }
        for (Mapped<T, F> m : mapped) {
            checkRelation(m, entity, hierarchy, problems);
        }
        if (version != null && !MappingRules.VERSION_TYPES.contains(MappingRules.boxed(version.facts().typeName()))) {
            problems.add(new Problem<>(version.declaringType(), version.field(), where(version, entity, hierarchy)
                    + ": unsupported @Version type " + version.facts().typeName() + "; supported: "
                    + MappingRules.describe(MappingRules.VERSION_TYPES)));
        }
        return new Selection<>(List.copyOf(mapped), id, version, List.copyOf(problems));
    }

    /** The class and its superclasses below the first entity superclass (refused), the farthest first. */
    private static <T, F> List<T> chain(T entity, Hierarchy<T, F> hierarchy, List<Problem<T, F>> problems) {
        List<T> chain = new ArrayList<>();
        chain.add(entity);
        for (T t = hierarchy.superclass(entity); t != null; t = hierarchy.superclass(t)) {
            if (hierarchy.isEntity(t)) {
                problems.add(new Problem<>(entity, null, hierarchy.typeName(entity) + " extends the entity "
                        + hierarchy.typeName(t) + ": an entity cannot extend another entity (entity inheritance is not"
                        + " supported); remove @Entity from " + hierarchy.typeName(t)
                        + " to inherit its fields as a plain superclass"));
                break;
            }
            chain.add(t);
        }
        Collections.reverse(chain);
        return chain;
    }

    /** The mapped fields, superclass fields first; hiding and misplaced annotations are problems. */
    private static <T, F> List<Mapped<T, F>> collect(T entity, Hierarchy<T, F> hierarchy, List<Problem<T, F>> problems) {
        List<Mapped<T, F>> mapped = new ArrayList<>();
        Map<String, Mapped<T, F>> byName = new HashMap<>();
        for (T type : chain(entity, hierarchy, problems)) {
            for (F field : hierarchy.declaredFields(type)) {
                FieldFacts facts = hierarchy.facts(field);
                Mapped<T, F> m = new Mapped<>(type, field, facts);
                if (facts.isStatic() || facts.isSynthetic()) {
                    annotationOnUnmapped(m, entity, hierarchy, problems);
                    continue;
                }
                Mapped<T, F> hidden = byName.put(facts.name(), m);
                if (hidden != null && (facts.mapped() || hidden.facts().mapped())) {
                    problems.add(new Problem<>(type, field, where(m, entity, hierarchy) + ": hides the field "
                            + hierarchy.typeName(hidden.declaringType()) + "." + facts.name()
                            + " of its superclass; a mapped field cannot hide or be hidden by another of the same"
                            + " name: rename one of them"));
                } else if (facts.mapped()) {
                    mapped.add(m);
                } else {
                    annotationOnUnmapped(m, entity, hierarchy, problems);
                }
            }
        }
        return mapped;
    }

    /**
     * How messages name a field: {@code Entity.field}, or {@code Entity.field (declared in Base)}
     * for an inherited one.
     */
    public static <T, F> String where(Mapped<T, F> m, T entity, Hierarchy<T, F> hierarchy) {
        String where = hierarchy.typeName(entity) + "." + m.facts().name();
        return m.declaringType().equals(entity) ? where
                : where + " (declared in " + hierarchy.typeName(m.declaringType()) + ")";
    }

    private static <T, F> void annotationOnUnmapped(Mapped<T, F> m, T entity, Hierarchy<T, F> hierarchy,
            List<Problem<T, F>> problems) {
        if (m.facts().id() || m.facts().version()) {
            problems.add(new Problem<>(m.declaringType(), m.field(), where(m, entity, hierarchy) + ": @"
                    + (m.facts().id() ? "Id" : "Version") + " on a field that is not mapped (static, transient or @Transient)"));
        }
    }

    /** The one @Id (or @Version) field, or null; a second one is a problem. */
    private static <T, F> Mapped<T, F> single(List<Mapped<T, F>> mapped, boolean id, T entity,
            Hierarchy<T, F> hierarchy, List<Problem<T, F>> problems) {
        Mapped<T, F> first = null;
        for (Mapped<T, F> m : mapped) {
            if (id ? m.facts().id() : m.facts().version()) {
                if (first == null) {
                    first = m;
                } else {
                    problems.add(new Problem<>(m.declaringType(), m.field(), where(m, entity, hierarchy) + ": a second @"
                            + (id ? "Id; " : "Version; ") + where(first, entity, hierarchy) + " is already the "
                            + (id ? "id (composite keys are not supported)" : "version")));
                }
            }
        }
        return first;
    }

    /** A relationship cannot be the id or version; a collection must be a List or a Set. */
    private static <T, F> void checkRelation(Mapped<T, F> m, T entity, Hierarchy<T, F> hierarchy,
            List<Problem<T, F>> problems) {
        FieldFacts f = m.facts();
        String where = where(m, entity, hierarchy);
        if (f.bothRelations()) {
            problems.add(new Problem<>(m.declaringType(), m.field(), where
                    + ": @ManyToOne and @OneToMany on one field; a field is one side of a relationship"));
        } else if (f.relation() != Relation.NONE && (f.id() || f.version())) {
            problems.add(new Problem<>(m.declaringType(), m.field(), where + ": a relationship cannot be the @"
                    + (f.id() ? "Id" : "Version")));
        } else if (f.relation() == Relation.ONE_TO_MANY && !COLLECTION_TYPES.contains(f.typeName())) {
            problems.add(new Problem<>(m.declaringType(), m.field(), where + ": @OneToMany needs a java.util.List or"
                    + " java.util.Set field, not " + f.typeName()));
        }
    }

    private static <T, F> void checkId(Mapped<T, F> id, T entity, Hierarchy<T, F> hierarchy,
            List<Problem<T, F>> problems) {
        String where = where(id, entity, hierarchy);
        if (id.facts().version()) {
            problems.add(new Problem<>(id.declaringType(), id.field(), where + ": a field cannot be both @Id and @Version"));
        }
        String type = id.facts().typeName();
        if (MappingRules.isPrimitive(type)) {
            String boxed = MappingRules.boxed(type);
            String simple = boxed.substring(boxed.lastIndexOf('.') + 1);
            problems.add(new Problem<>(id.declaringType(), id.field(), where + ": a primitive @Id (" + type
                    + ") is never null, so the database cannot assign it and every new object would be inserted with "
                    + (type.equals("boolean") ? "false" : "0") + "; declare it " + simple
                    + (MappingRules.GENERATED_ID_TYPES.contains(boxed) ? " (null until the database assigns it)"
                    : " and set it before add()")));
        }
    }
}
