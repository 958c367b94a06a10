package io.athanor.orm.enhance;

import io.athanor.orm.annotations.Entity;
import net.bytebuddy.build.Plugin;
import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.field.FieldDescription;
import net.bytebuddy.description.modifier.FieldPersistence;
import net.bytebuddy.description.modifier.MethodManifestation;
import net.bytebuddy.description.modifier.SyntheticState;
import net.bytebuddy.description.modifier.Visibility;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.implementation.FieldAccessor;
import net.bytebuddy.implementation.Implementation;

import io.athanor.orm.internal.mapping.FieldRule;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Byte Buddy build {@link Plugin} that makes entity classes report reads and writes of their
 * mapped fields to a {@link PropertyInterceptor}, so the session learns which properties changed
 * and can reload expired ones on access, without comparing snapshots.
 *
 * <p>It matches classes annotated {@link Entity @Entity} that were not enhanced yet (so running it
 * twice changes nothing), and the superclasses of those entities that are part of the same build
 * (Byte Buddy's build engine shows it every class first: {@link #onPreprocess}). The mapped fields
 * are those {@link FieldRule} selects: the instance fields of the class and its superclasses that are
 * neither static, {@code transient}, {@code @Transient} nor synthetic, superclass fields first, each
 * class's in class-file order; a field's position is its property number. For each entity it:
 * <ul>
 *   <li>adds the field {@code private transient PropertyInterceptor $athanor$interceptor} and
 *       implements {@link EnhancedEntity} as its getter and setter;</li>
 *   <li>annotates the class {@link EnhancedProperties @EnhancedProperties} with the mapped field
 *       names, inherited ones included;</li>
 *   <li>adds, per mapped field {@code f} it declares itself, of number {@code i}, the private
 *       accessors {@code $athanor$read$f()} and {@code $athanor$write$f(value)}, which call
 *       {@code beforeRead(this, i)} or {@code beforeWrite(this, i)} on the installed interceptor,
 *       if any, and then read or write the field; the writer of a relationship field
 *       ({@code @ManyToOne}, {@code @OneToMany}) then calls {@code afterWrite(this, i)}, so the
 *       session can update the other side with the new value;</li>
 *   <li>rewrites every read and write of a mapped field, its own or an inherited one, in every
 *       method and constructor of the class into a call of the matching accessor, whatever the
 *       receiver ({@code this.count++}, {@code other.name = x}, a lambda body in the class).</li>
 * </ul>
 * A superclass of entities gets the same, but no interceptor field (each entity holds its own;
 * the superclass's accessors, {@code protected final} so the entities' code can call them, ask the
 * object for it through {@link EnhancedEntity}), and its {@code @EnhancedProperties} lists the
 * fields of its own hierarchy, which are the first ones of every entity extending it. A superclass
 * that declares mapped fields but is not part of the build (it comes from a jar) and was not
 * enhanced is refused with an error naming it: its own methods could not be rewritten.
 *
 * <p>Build use: the Maven plugin {@code net.bytebuddy:byte-buddy-maven-plugin}, goal
 * {@code transform}, whose transformation names this class and the artifact that holds it (the
 * Maven plugin resolves those coordinates into a class loader; a missing {@code version} falls back
 * to a version managed in {@code dependencyManagement}, else to the building project's own):
 * <pre>{@code
 * <transformation>
 *   <groupId>io.athanor</groupId>
 *   <artifactId>orm-core</artifactId>
 *   <version>${athanor.version}</version>
 *   <plugin>io.athanor.orm.enhance.EntityEnhancer</plugin>
 * </transformation>
 * }</pre>
 *
 * <p><b>Limits.</b> Only code inside the entity class itself is rewritten. Field accesses from
 * other classes (a class of the same package writing {@code thing.count = 1} to a non-private
 * field, a nested or anonymous class, a subclass) bypass the interceptor, as do reflection,
 * {@code VarHandle}s, serialization and JNI; such changes are not tracked and an expired field read
 * that way is not reloaded. Accesses compiled against a subclass as the field's owner are not
 * rewritten either. Keep mapped fields private and go through methods of the entity. Fields
 * inherited from a superclass are not mapped by the enhancer.
 */
public final class EntityEnhancer implements Plugin, Plugin.WithPreprocessor {
    /** Prefix of every member the enhancer adds; user members must not start with it. */
    static final String PREFIX = FieldRule.ENHANCER_PREFIX;
    /** Name of the added field that holds the installed interceptor. */
    static final String INTERCEPTOR_FIELD = PREFIX + "interceptor";

    /** Every class of this build (seen while preprocessing), by name. */
    private final Set<String> inBuild = ConcurrentHashMap.newKeySet();
    /** The superclasses of this build's entities, by name: enhanced as well. */
    private final Set<String> entitySuperclasses = ConcurrentHashMap.newKeySet();

    /** Creates the plugin; Byte Buddy's build tools call this no-argument constructor. */
    public EntityEnhancer() {
    }

    /** Byte Buddy's build engine shows the enhancer every class before transforming any. */
    @Override
    public void onPreprocess(TypeDescription type, ClassFileLocator classFileLocator) {
        inBuild.add(type.getName());
        if (isEntity(type)) {
            for (TypeDescription s = DescriptionHierarchy.INSTANCE.superclass(type); s != null;
                    s = DescriptionHierarchy.INSTANCE.superclass(s)) {
                entitySuperclasses.add(s.getName());
            }
        }
    }

    @Override
    public boolean matches(TypeDescription target) {
        if (target.isInterface() || target.getDeclaredAnnotations().isAnnotationPresent(EnhancedProperties.class)) {
            return false;
        }
        return isEntity(target) ? !target.isAssignableTo(EnhancedEntity.class) : entitySuperclasses.contains(target.getName());
    }

    @Override
    public DynamicType.Builder<?> apply(DynamicType.Builder<?> builder, TypeDescription type,
                                        ClassFileLocator classFileLocator) {
        MappedFields fields = MappedFields.of(type);
        boolean entity = isEntity(type);
        if (entity) {
            requireEnhancedSuperclasses(type, fields);
            builder = builder
                    .defineField(INTERCEPTOR_FIELD, PropertyInterceptor.class,
                            Visibility.PRIVATE, FieldPersistence.TRANSIENT, SyntheticState.SYNTHETIC)
                    .implement(EnhancedEntity.class)
                    .intercept(FieldAccessor.ofField(INTERCEPTOR_FIELD));
        }
        builder = builder.annotateType(AnnotationDescription.Builder.ofType(EnhancedProperties.class)
                .defineArray("value", fields.names())
                .build());
        for (int property = 0; property < fields.size(); property++) {
            if (fields.isOwn(property)) {
                builder = defineAccessors(builder, fields.field(property), property, !entity,
                        fields.isRelationship(property));
            }
        }
        return builder.visit(new FieldAccessRewriter(fields, entity));
    }

    /**
     * A superclass's own methods read and write its fields, so it must be enhanced too: in this
     * build, or in an earlier one. One in a jar that was not cannot be, and is refused here rather
     * than leaving its changes untracked.
     */
    private void requireEnhancedSuperclasses(TypeDescription type, MappedFields fields) {
        for (TypeDescription s : fields.mappedSuperclasses()) {
            if (!inBuild.contains(s.getName())
                    && !s.getDeclaredAnnotations().isAnnotationPresent(EnhancedProperties.class)) {
                throw new IllegalStateException(type.getName() + " inherits the mapped fields " + fields.declaredNames(s)
                        + " from " + s.getName() + ", which is not part of this build and was not enhanced, so changes"
                        + " its own methods make could not be tracked: compile " + s.getSimpleName() + " in the same"
                        + " module as " + type.getSimpleName() + ", or mark those fields @Transient or transient");
            }
        }
    }

    private static boolean isEntity(TypeDescription type) {
        return DescriptionHierarchy.INSTANCE.isEntity(type);
    }

    private static DynamicType.Builder<?> defineAccessors(DynamicType.Builder<?> builder,
                                                          FieldDescription.InDefinedShape field, int property,
                                                          boolean inSuperclass, boolean relationship) {
        TypeDescription fieldType = field.getType().asErasure();
        // Synthetic: skipped by tools that list the class's own methods. Private in an entity; in a
        // superclass protected (and final), so that the entity's own code can call them for the
        // inherited fields it accesses.
        Visibility visibility = inSuperclass ? Visibility.PROTECTED : Visibility.PRIVATE;
        return builder
                .defineMethod(readerName(field.getName()), fieldType,
                        visibility, MethodManifestation.FINAL, SyntheticState.SYNTHETIC)
                .intercept(new Implementation.Simple(AccessorAppender.reader(field, property, inSuperclass)))
                .defineMethod(writerName(field.getName()), void.class,
                        visibility, MethodManifestation.FINAL, SyntheticState.SYNTHETIC)
                .withParameters(fieldType)
                .intercept(new Implementation.Simple(AccessorAppender.writer(field, property, inSuperclass, relationship)));
    }

    /** Name of the generated reader of field {@code field}. */
    static String readerName(String field) {
        return PREFIX + "read$" + field;
    }

    /** Name of the generated writer of field {@code field}. */
    static String writerName(String field) {
        return PREFIX + "write$" + field;
    }

    @Override
    public void close() {
        // Holds no resources.
    }
}
