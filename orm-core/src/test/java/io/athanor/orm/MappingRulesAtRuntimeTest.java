package io.athanor.orm;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.athanor.orm.annotations.Entity;
import io.athanor.orm.annotations.Id;
import io.athanor.orm.internal.mapping.MappingReader;
import io.athanor.orm.model.Stuff;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.dynamic.DynamicType;
import org.junit.jupiter.api.Test;

/**
 * The runtime reader refuses what the processor refuses, with the same rule (for builds that skip
 * the processor). The entities are made at run time, as subclasses of plain classes the processor
 * does not look at.
 */
class MappingRulesAtRuntimeTest {
    /** Not an entity: the processor leaves it alone. */
    public static class PrimitiveIdBase {
        @Id
        public long id;
        public String name;
    }

    /** Not an entity. */
    public static class NamedBase {
        @Id
        public Long id;
        public String name;
    }

    private static Class<?> entity(Class<?> superclass, String name, DynamicTypeEdit edit) {
        DynamicType.Builder<?> b = new ByteBuddy().subclass(superclass).name("io.athanor.orm.runtime." + name)
                .annotateType(AnnotationDescription.Builder.ofType(Entity.class).build());
        return edit.apply(b).make().load(MappingRulesAtRuntimeTest.class.getClassLoader()).getLoaded();
    }

    private interface DynamicTypeEdit {
        DynamicType.Builder<?> apply(DynamicType.Builder<?> b);
    }

    private static String refusal(Class<?> type) {
        return assertThrows(MappingException.class, () -> MappingReader.read(type, 0)).getMessage();
    }

    @Test
    void aPrimitiveIdIsRefusedNamingTheFieldAndTheBoxedType() {
        String message = refusal(entity(PrimitiveIdBase.class, "PrimitiveId", b -> b));
        assertTrue(message.contains("io.athanor.orm.runtime.PrimitiveId.id (declared in "
                + PrimitiveIdBase.class.getName() + "): a primitive @Id (long)"), message);
        assertTrue(message.contains("declare it Long"), message);
    }

    @Test
    void aFieldHidingAnInheritedMappedFieldIsRefusedNamingBoth() {
        String message = refusal(entity(NamedBase.class, "Hiding",
                b -> b.defineField("name", String.class, java.lang.reflect.Modifier.PUBLIC)));
        assertTrue(message.contains("io.athanor.orm.runtime.Hiding.name: hides the field " + NamedBase.class.getName() + ".name"),
                message);
    }

    @Test
    void anEntityExtendingAnEntityIsRefused() {
        String message = refusal(entity(Stuff.class, "SubStuff", b -> b));
        assertTrue(message.contains("extends the entity " + Stuff.class.getName()), message);
        assertTrue(message.contains("entity inheritance is not supported"), message);
    }

    @Test
    void inheritedFieldsAreMappedFirstWithTheInheritedId() {
        Class<?> type = entity(NamedBase.class, "Named",
                b -> b.defineField("extra", Integer.class, java.lang.reflect.Modifier.PUBLIC));
        var mapping = MappingReader.read(type, 0);
        assertTrue(mapping.table().columns().toString().matches(".*id.*name.*extra.*"), mapping.table().columns().toString());
        assertTrue(mapping.id().column().isGenerated());
    }
}
