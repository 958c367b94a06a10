package io.athanor.orm.internal.mapping;

import io.athanor.orm.MappingException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Map;

/**
 * The method handles that construct an entity class and read and write its fields, made once per
 * class. Every factory over that class shares them: the JVM specializes ("customizes") a method
 * handle instance after it has been invoked many times, and new instances per factory would pay
 * that again each time (measured: about 2 ms per factory for a four-field entity).
 *
 * <p>The cache is a {@link ClassValue}: the JDK's per-class memo, which holds only immutable values
 * computed from the class itself and goes away with the class; it is no configurable global state.
 */
final class Accessors {
    private static final ClassValue<Accessors> BY_CLASS = new ClassValue<>() {
        @Override
        protected Accessors computeValue(Class<?> type) {
            return new Accessors(type);
        }
    };

    private final MethodHandle constructor;
    /** By field: an inherited field is keyed by its declaring class too. */
    private final Map<Field, MethodHandle[]> fields = new HashMap<>();

    private Accessors(Class<?> type) {
        this.constructor = constructor(lookup(type), type);
        for (Field f : MappingReader.mappedFields(type)) {
            // A private field is accessible only to a lookup in the class that declares it.
            MethodHandles.Lookup lookup = lookup(f.getDeclaringClass());
            fields.put(f, new MethodHandle[] {getter(lookup, f), setter(lookup, f)});
        }
    }

    static Accessors of(Class<?> type) {
        return BY_CLASS.get(type);
    }

    /** {@code () -> Object}: a new instance through the no-argument constructor. */
    MethodHandle constructor() {
        return constructor;
    }

    /** {@code (Object) -> Object} for a mapped field. */
    MethodHandle getter(Field f) {
        return fields.get(f)[0];
    }

    /** {@code (Object, Object) -> void} for a mapped field. */
    MethodHandle setter(Field f) {
        return fields.get(f)[1];
    }

    private static MethodHandles.Lookup lookup(Class<?> type) {
        try {
            return MethodHandles.privateLookupIn(type, MethodHandles.lookup());
        } catch (IllegalAccessException e) {
            throw new MappingException("cannot access " + type.getName() + " (is its package open to io.athanor.orm?)", e);
        }
    }

    private static MethodHandle constructor(MethodHandles.Lookup lookup, Class<?> type) {
        try {
            return lookup.findConstructor(type, MethodType.methodType(void.class)).asType(MethodType.methodType(Object.class));
        } catch (NoSuchMethodException | IllegalAccessException e) {
            throw new MappingException(type.getName() + " needs a no-argument constructor (any visibility)", e);
        }
    }

    private static MethodHandle getter(MethodHandles.Lookup lookup, Field f) {
        try {
            return lookup.unreflectGetter(f).asType(MethodType.methodType(Object.class, Object.class));
        } catch (IllegalAccessException e) {
            throw new MappingException("cannot read " + f, e);
        }
    }

    private static MethodHandle setter(MethodHandles.Lookup lookup, Field f) {
        try {
            return lookup.unreflectSetter(f).asType(MethodType.methodType(void.class, Object.class, Object.class));
        } catch (IllegalAccessException e) {
            throw new MappingException("cannot write " + f + (Modifier.isFinal(f.getModifiers()) ? " (it is final)" : ""), e);
        }
    }
}
