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

import java.util.List;

/**
 * The Byte Buddy build {@link Plugin} that makes entity classes report reads and writes of their
 * mapped fields to a {@link PropertyInterceptor}, so the session learns which properties changed
 * and can reload expired ones on access, without comparing snapshots.
 *
 * <p>It matches classes annotated {@link Entity @Entity} that do not yet implement
 * {@link EnhancedEntity} (so running it twice changes nothing) and, for each:
 * <ul>
 *   <li>adds the field {@code private transient PropertyInterceptor $athanor$interceptor} and
 *       implements {@link EnhancedEntity} as its getter and setter;</li>
 *   <li>annotates the class {@link EnhancedProperties @EnhancedProperties} with the mapped field
 *       names: fields declared in the class itself that are neither static, {@code transient},
 *       {@code @Transient} nor synthetic, in class-file order; a field's position is its property
 *       number;</li>
 *   <li>adds, per mapped field {@code f} of number {@code i}, the private accessors
 *       {@code $athanor$read$f()} and {@code $athanor$write$f(value)}, which call
 *       {@code beforeRead(this, i)} or {@code beforeWrite(this, i)} on the installed interceptor,
 *       if any, and then read or write the field;</li>
 *   <li>rewrites every read and write of a mapped field in every method and constructor of the
 *       class into a call of the matching accessor, whatever the receiver ({@code this.count++},
 *       {@code other.name = x}, a lambda body in the class).</li>
 * </ul>
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
public final class EntityEnhancer implements Plugin {
    /** Prefix of every member the enhancer adds; user members must not start with it. */
    static final String PREFIX = "$athanor$";
    /** Name of the added field that holds the installed interceptor. */
    static final String INTERCEPTOR_FIELD = PREFIX + "interceptor";

    /** Creates the plugin; Byte Buddy's build tools call this no-argument constructor. */
    public EntityEnhancer() {
    }

    @Override
    public boolean matches(TypeDescription target) {
        return !target.isInterface()
                && target.getDeclaredAnnotations().isAnnotationPresent(Entity.class)
                && !target.isAssignableTo(EnhancedEntity.class);
    }

    @Override
    public DynamicType.Builder<?> apply(DynamicType.Builder<?> builder, TypeDescription type,
                                        ClassFileLocator classFileLocator) {
        MappedFields fields = MappedFields.of(type);
        builder = builder
                .defineField(INTERCEPTOR_FIELD, PropertyInterceptor.class,
                        Visibility.PRIVATE, FieldPersistence.TRANSIENT, SyntheticState.SYNTHETIC)
                .implement(EnhancedEntity.class)
                .intercept(FieldAccessor.ofField(INTERCEPTOR_FIELD))
                .annotateType(AnnotationDescription.Builder.ofType(EnhancedProperties.class)
                        .defineArray("value", fields.names())
                        .build());
        List<FieldDescription.InDefinedShape> list = fields.list();
        for (int property = 0; property < list.size(); property++) {
            builder = defineAccessors(builder, list.get(property), property);
        }
        return builder.visit(new FieldAccessRewriter(fields));
    }

    private static DynamicType.Builder<?> defineAccessors(DynamicType.Builder<?> builder,
                                                          FieldDescription.InDefinedShape field, int property) {
        TypeDescription fieldType = field.getType().asErasure();
        // Private and synthetic: not callable or overridable from outside, and skipped by tools
        // that list the class's own methods.
        return builder
                .defineMethod(readerName(field.getName()), fieldType,
                        Visibility.PRIVATE, MethodManifestation.FINAL, SyntheticState.SYNTHETIC)
                .intercept(new Implementation.Simple(AccessorAppender.reader(field, property)))
                .defineMethod(writerName(field.getName()), void.class,
                        Visibility.PRIVATE, MethodManifestation.FINAL, SyntheticState.SYNTHETIC)
                .withParameters(fieldType)
                .intercept(new Implementation.Simple(AccessorAppender.writer(field, property)));
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
