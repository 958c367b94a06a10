package io.athanor.orm.enhance;

import io.athanor.orm.enhance.RecordingInterceptor.Event;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Behaviour of {@link TrackedThing} as enhanced at build time by the Maven plugin running
 * {@link EntityEnhancer}: these tests fail if the plugin did not run or rewrote the class wrongly.
 */
class EnhancedEntityTrackingTest {
    private static final int ID = 0, COUNT = 1, PRICE = 2, ACTIVE = 3, NAME = 4, COLOR = 5, BORN = 6;

    private final RecordingInterceptor recorder = new RecordingInterceptor();

    private TrackedThing tracked(String name, int count) {
        TrackedThing thing = new TrackedThing(name, count);
        ((EnhancedEntity) thing).$athanor$interceptor(recorder);
        return thing;
    }

    @Test
    void entityClassImplementsEnhancedEntity() {
        assertTrue(EnhancedEntity.class.isAssignableFrom(TrackedThing.class));
    }

    @Test
    void enhancedPropertiesListsExactlyTheMappedFieldsInDeclarationOrder() {
        EnhancedProperties properties = TrackedThing.class.getAnnotation(EnhancedProperties.class);
        assertArrayEquals(new String[] {"id", "count", "price", "active", "name", "color", "born"},
                properties.value());
    }

    @Test
    void interceptorFieldIsPrivateTransientAndSyntheticAndSetThroughEnhancedEntity() throws Exception {
        Field field = TrackedThing.class.getDeclaredField("$athanor$interceptor");
        int modifiers = field.getModifiers();
        assertTrue(Modifier.isPrivate(modifiers) && Modifier.isTransient(modifiers) && field.isSynthetic());
        assertEquals(PropertyInterceptor.class, field.getType());

        EnhancedEntity thing = (EnhancedEntity) new TrackedThing("a", 1);
        assertNull(thing.$athanor$interceptor());
        thing.$athanor$interceptor(recorder);
        assertSame(recorder, thing.$athanor$interceptor());
        thing.$athanor$interceptor(null);
        assertNull(thing.$athanor$interceptor());
    }

    @Test
    void generatedAccessorsArePrivateSyntheticAndExistOnlyForMappedFields() throws Exception {
        Method reader = TrackedThing.class.getDeclaredMethod("$athanor$read$price");
        Method writer = TrackedThing.class.getDeclaredMethod("$athanor$write$price", double.class);
        assertEquals(double.class, reader.getReturnType());
        for (Method accessor : List.of(reader, writer)) {
            assertTrue(Modifier.isPrivate(accessor.getModifiers()) && accessor.isSynthetic(), accessor.toString());
        }
        for (Method method : TrackedThing.class.getDeclaredMethods()) {
            String name = method.getName();
            assertFalse(name.endsWith("$scratch") || name.endsWith("$note") || name.endsWith("$instances"), name);
        }
    }

    @Test
    void setterCallsBeforeWriteWhileTheFieldStillHoldsTheOldValueThenStoresTheNewOne() {
        TrackedThing thing = tracked("old", 1);

        thing.setName("new");

        assertEquals(List.of(new Event("WRITE", thing, NAME, "old")), recorder.events);
        assertEquals("new", RecordingInterceptor.fieldValue(thing, NAME));
    }

    @Test
    void everyMappedFieldTypeIsReportedOnWriteAndReadWithItsOwnPropertyNumber() {
        TrackedThing thing = tracked("n", 2);
        LocalDate born = LocalDate.of(2001, 2, 3);

        thing.setId(Long.MAX_VALUE);
        thing.setCount(-7);
        thing.setPrice(2.5);
        thing.setActive(false);
        thing.setColor(TrackedThing.Color.GREEN);
        thing.setBorn(born);
        assertEquals(List.of(
                new Event("WRITE", thing, ID, null), // a Long: a primitive id is refused; price covers two-slot values
                new Event("WRITE", thing, COUNT, 2),
                new Event("WRITE", thing, PRICE, 0.0),
                new Event("WRITE", thing, ACTIVE, true),
                new Event("WRITE", thing, COLOR, null),
                new Event("WRITE", thing, BORN, null)), recorder.events);

        recorder.events.clear();
        assertEquals(Long.MAX_VALUE, thing.getId());
        assertEquals(-7, thing.getCount());
        assertEquals(2.5, thing.getPrice());
        assertFalse(thing.isActive());
        assertEquals("n", thing.getName());
        assertEquals(TrackedThing.Color.GREEN, thing.getColor());
        assertEquals(born, thing.getBorn());
        assertEquals(List.of(ID, COUNT, PRICE, ACTIVE, NAME, COLOR, BORN),
                recorder.events.stream().map(Event::property).toList());
        assertTrue(recorder.events.stream().allMatch(e -> e.kind().equals("READ") && e.entity() == thing));
    }

    @Test
    void incrementInAPlainMethodIsReportedAsReadThenWrite() {
        TrackedThing thing = tracked("n", 5);

        thing.increment();

        assertEquals(List.of(new Event("READ", thing, COUNT, 5), new Event("WRITE", thing, COUNT, 5)),
                recorder.events);
        assertEquals(6, RecordingInterceptor.fieldValue(thing, COUNT));
    }

    @Test
    void writeToAnotherInstancesFieldIsReportedToThatInstancesInterceptor() {
        TrackedThing source = tracked("source", 1);
        RecordingInterceptor targetRecorder = new RecordingInterceptor();
        TrackedThing target = new TrackedThing("target", 1);
        ((EnhancedEntity) target).$athanor$interceptor(targetRecorder);

        source.copyNameTo(target);

        assertEquals(List.of(new Event("READ", source, NAME, "source")), recorder.events);
        assertEquals(List.of(new Event("WRITE", target, NAME, "target")), targetRecorder.events);
        assertEquals("source", RecordingInterceptor.fieldValue(target, NAME));
    }

    @Test
    void constructorReadsOfAnotherInstanceAreReportedEvenBeforeThisConstructorCall() {
        TrackedThing template = tracked("template", 4);
        template.setPrice(9.5);
        recorder.events.clear();

        TrackedThing copy = new TrackedThing(template);

        // name and count are read as arguments of this(...), price after it.
        assertEquals(List.of(NAME, COUNT, PRICE), recorder.events.stream().map(Event::property).toList());
        assertTrue(recorder.events.stream().allMatch(e -> e.kind().equals("READ") && e.entity() == template));
        assertEquals("template", copy.getName());
        assertEquals(4, copy.getCount());
        assertEquals(9.5, copy.getPrice());
    }

    @Test
    void interceptorThatLoadsTheFieldInBeforeReadChangesWhatTheGetterReturns() {
        TrackedThing thing = tracked("stale", 1);
        // What a session does for an expired property: load the value into the field, then let the read go on.
        recorder.onRead = (entity, property) -> RecordingInterceptor.setFieldValue(entity, property, "reloaded");

        assertEquals("reloaded", thing.getName());
        assertEquals(List.of(new Event("READ", thing, NAME, "stale")), recorder.events);
    }

    @Test
    void fieldReadInALambdaOfTheEntityIsReported() {
        TrackedThing thing = tracked("lazy", 1);

        assertEquals("lazy", thing.nameLater().get());

        assertEquals(List.of(new Event("READ", thing, NAME, "lazy")), recorder.events);
    }

    @Test
    void excludedFieldsAreNeverReported() {
        TrackedThing thing = tracked("n", 1);

        thing.setScratch("s");
        thing.setNote("memo");
        TrackedThing.setInstances(42);

        assertEquals("s", thing.getScratch());
        assertEquals("memo", thing.getNote());
        assertEquals(42, TrackedThing.getInstances());
        assertEquals(List.of(), recorder.events);
    }

    @Test
    void withoutInterceptorTheEntityBehavesAsPlainJava() {
        TrackedThing thing = new TrackedThing("plain", 1);

        thing.increment();
        thing.setPrice(1.25);
        thing.setBorn(LocalDate.EPOCH);
        thing.copyNameTo(thing);

        assertEquals(2, thing.getCount());
        assertEquals(1.25, thing.getPrice());
        assertEquals(LocalDate.EPOCH, thing.getBorn());
        assertEquals("plain", thing.nameLater().get());
        assertTrue(thing.isActive());
    }

    @Test
    void removingTheInterceptorStopsReporting() {
        TrackedThing thing = tracked("n", 1);
        ((EnhancedEntity) thing).$athanor$interceptor(null);

        thing.setCount(3);

        assertEquals(3, thing.getCount());
        assertEquals(List.of(), recorder.events);
    }

    @Test
    void writeFromAnotherClassIsNotTrackedAsDocumented() {
        TrackedThing thing = tracked("n", 1);

        OutsideWriter.setCount(thing, 8);

        assertEquals(List.of(), recorder.events);
        assertEquals(8, RecordingInterceptor.fieldValue(thing, COUNT));
    }

    @Test
    void pluginDoesNotMatchABuildTimeEnhancedEntityAgain() {
        assertInstanceOf(EnhancedEntity.class, new TrackedThing("n", 1));
        assertFalse(new EntityEnhancer().matches(
                net.bytebuddy.description.type.TypeDescription.ForLoadedType.of(TrackedThing.class)));
    }

    @Test
    void pluginDoesNotMatchANonEntityClass() {
        assertFalse(new EntityEnhancer().matches(
                net.bytebuddy.description.type.TypeDescription.ForLoadedType.of(PlainThing.class)));
        assertFalse(EnhancedEntity.class.isAssignableFrom(PlainThing.class));
    }
}
