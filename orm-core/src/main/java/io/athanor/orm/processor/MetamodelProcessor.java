package io.athanor.orm.processor;

import io.athanor.orm.annotations.Entity;
import io.athanor.orm.processor.EntityReader.EntityModel;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/**
 * Generates the metamodel of every {@link Entity @Entity} class: for {@code p.X}, the class
 * {@code p.X_} with {@code public static final io.athanor.sql.Table TABLE} and one
 * {@code public static final io.athanor.sql.Column<T>} per mapped property, named like the field,
 * {@code T} its boxed type. Table and column names, supported types and the column options follow
 * {@link io.athanor.orm.internal.mapping.MappingRules}, which the runtime mapper uses too.
 *
 * <p>Mapped fields are those {@link io.athanor.orm.internal.mapping.FieldRule} selects, the rule the
 * enhancer and the runtime apply too: the instance fields of the entity class and of its plain
 * (non-entity) superclasses that are neither {@code static}, {@code transient} nor
 * {@code @Transient}, superclass fields first, each class's in declaration order. Mapping mistakes (a
 * final class, no no-argument constructor, no or two {@code @Id}s, a primitive {@code @Id}, two
 * {@code @Version}s, an unsupported property or version type, a non-static nested entity, an entity
 * extending an entity, a field hiding an inherited one) are compile errors on the class or field at
 * fault (on the entity for an inherited field), and no metamodel is generated for that class.
 *
 * <p><b>Nested entities.</b> A static nested entity {@code p.Outer.Inner} gets the top-level
 * metamodel {@code p.Inner_} (not {@code p.Outer_Inner_}), so that queries read the same for nested
 * and top-level entities. When that name is already taken, by another entity's metamodel (a
 * top-level {@code p.Inner}, or {@code p.Other.Inner}) or by a class in the sources being compiled,
 * it is a compile error on the entity that came second (top-level entities are served first); rename
 * one of them. A clash with a class that is only on the classpath cannot be told apart from a stale
 * metamodel of an earlier build, so it is not detected here.
 *
 * <p>An entity with a field whose type does not resolve yet is left for a later round, since another
 * processor may generate that type (an enum, say); if it never resolves, the compiler reports it.
 */
@SupportedAnnotationTypes("io.athanor.orm.annotations.Entity")
public final class MetamodelProcessor extends AbstractProcessor {
    /** Metamodel qualified name to the qualified name of the entity that claimed it, over all rounds. */
    private final Map<String, String> claimedBy = new HashMap<>();
    /** Qualified names of the top-level types in the sources being compiled that are not our output. */
    private final Set<String> sourceTypes = new HashSet<>();
    /** Entities waiting for a field type to resolve, by qualified name (elements do not outlive a round). */
    private final Set<String> deferred = new LinkedHashSet<>();

    /** Public no-arg constructor, as {@link java.util.ServiceLoader} requires. */
    public MetamodelProcessor() {
    }

    /** The newest source version: the processor reads only declarations, which every version has. */
    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        if (round.processingOver()) {
            // What is still deferred has an unresolvable type; the compiler reports that itself.
            deferred.clear();
            return false;
        }
        for (Element root : round.getRootElements()) {
            if (root instanceof TypeElement type && !claimedBy.containsKey(type.getQualifiedName().toString())) {
                sourceTypes.add(type.getQualifiedName().toString());
            }
        }
        EntityReader reader = new EntityReader(processingEnv.getElementUtils(), processingEnv.getMessager());
        for (TypeElement entity : entitiesOf(round)) {
            if (EntityReader.hasUnresolvedFieldType(entity)) {
                deferred.add(entity.getQualifiedName().toString());
                continue;
            }
            String metamodel = metamodelName(entity);
            boolean free = claim(entity, metamodel, reader.displayName(entity));
            EntityModel model = reader.read(entity);
            if (free && model != null) {
                write(entity, metamodel, MetamodelSource.render(model, entity.getSimpleName() + "_"));
            }
        }
        // Not claimed: other processors may want to see @Entity too.
        return false;
    }

    /** This round's entities and the deferred ones, top-level first so they win a name clash. */
    private List<TypeElement> entitiesOf(RoundEnvironment round) {
        Set<TypeElement> entities = new LinkedHashSet<>();
        for (String name : deferred) {
            TypeElement type = processingEnv.getElementUtils().getTypeElement(name);
            if (type != null) {
                entities.add(type);
            }
        }
        deferred.clear();
        for (Element e : round.getElementsAnnotatedWith(Entity.class)) {
            // @Entity targets types only, so anything else would be an invalid use javac reports.
            if (e instanceof TypeElement type) {
                entities.add(type);
            }
        }
        List<TypeElement> ordered = new ArrayList<>(entities);
        ordered.sort(Comparator.comparing(t -> t.getNestingKind() != NestingKind.TOP_LEVEL));
        return ordered;
    }

    private String metamodelName(TypeElement entity) {
        String pkg = processingEnv.getElementUtils().getPackageOf(entity).getQualifiedName().toString();
        String simple = entity.getSimpleName() + "_";
        return pkg.isEmpty() ? simple : pkg + "." + simple;
    }

    /** Claims the metamodel name for the entity; false, after reporting the clash, when it is taken. */
    private boolean claim(TypeElement entity, String metamodel, String display) {
        String entityName = entity.getQualifiedName().toString();
        String owner = claimedBy.putIfAbsent(metamodel, entityName);
        String takenBy = owner != null && !owner.equals(entityName) ? "the metamodel of " + owner
                : sourceTypes.contains(metamodel) ? "a class in the sources" : null;
        if (takenBy == null) {
            return true;
        }
        processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, display + ": its metamodel would be "
                + metamodel + ", but that is already " + takenBy + " (a nested entity's metamodel is named"
                + " after its simple name only); rename one of them", entity);
        return false;
    }

    private void write(TypeElement entity, String metamodel, String source) {
        try {
            // The entity as originating element lets incremental builds regenerate just this file.
            JavaFileObject file = processingEnv.getFiler().createSourceFile(metamodel, entity);
            try (Writer out = file.openWriter()) {
                out.write(source);
            }
        } catch (IOException e) {
            processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
                    "cannot write the metamodel " + metamodel + " of " + entity.getQualifiedName() + ": " + e, entity);
        }
    }
}
