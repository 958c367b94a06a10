package io.athanor.orm.enhance;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Records every callback together with the field's value at the moment of the call (read by
 * reflection, which bypasses the interceptor), so tests can tell "before" from "after".
 */
final class RecordingInterceptor implements PropertyInterceptor {
    /** One callback: READ or WRITE of property number {@code property} on {@code entity}. */
    record Event(String kind, Object entity, int property, Object valueAtCall) {
    }

    final List<Event> events = new ArrayList<>();
    /** Runs inside beforeRead, after recording; lets a test load a value like an expired reload. */
    BiConsumer<Object, Integer> onRead = (entity, property) -> { };

    @Override
    public void beforeRead(Object entity, int property) {
        events.add(new Event("READ", entity, property, fieldValue(entity, property)));
        onRead.accept(entity, property);
    }

    @Override
    public void beforeWrite(Object entity, int property) {
        events.add(new Event("WRITE", entity, property, fieldValue(entity, property)));
    }

    /** The value of mapped property {@code property} of {@code entity}, read by reflection. */
    static Object fieldValue(Object entity, int property) {
        try {
            Field field = field(entity.getClass(), property);
            return field.get(entity);
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }

    /** Sets mapped property {@code property} of {@code entity} by reflection. */
    static void setFieldValue(Object entity, int property, Object value) {
        try {
            field(entity.getClass(), property).set(entity, value);
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }

    private static Field field(Class<?> type, int property) {
        String name = type.getAnnotation(EnhancedProperties.class).value()[property];
        for (Class<?> t = type; t != null; t = t.getSuperclass()) {
            try {
                Field field = t.getDeclaredField(name);
                field.setAccessible(true);
                return field;
            } catch (NoSuchFieldException e) {
                // declared by a superclass
            }
        }
        throw new AssertionError("no field " + name + " in " + type);
    }
}
