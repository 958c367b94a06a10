package io.athanor.orm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.athanor.orm.bad.NoId;
import io.athanor.orm.internal.mapping.MappingReader;
import io.athanor.orm.model.Stuff;
import io.athanor.orm.model.Stuff_;
import io.athanor.sql.Sql;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** Every misuse fails with a message naming the entity, property or value at fault. */
class SessionErrorsTest {
    @TempDir
    Path dir;
    OrmFixture orm;

    @BeforeEach
    void open() {
        orm = new OrmFixture(dir);
        orm.seedStuff(3);
    }

    @AfterEach
    void close() {
        orm.close();
    }

    private static void assertFails(Class<? extends Throwable> type, Executable call, String... fragments) {
        Throwable e = assertThrows(type, call);
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "'" + f + "' not in: " + e.getMessage());
        }
    }

    /**
     * Bad entities the annotation processor would reject at compile time, so they are made at run time
     * to prove the runtime mapper rejects them too (for builds that skip the processor).
     */
    private static Class<?> entity(String name, boolean withId, Class<?> extraType) {
        net.bytebuddy.dynamic.DynamicType.Builder<Object> b = new net.bytebuddy.ByteBuddy().subclass(Object.class).name("io.athanor.orm.bad." + name)
                .annotateType(net.bytebuddy.description.annotation.AnnotationDescription.Builder
                        .ofType(io.athanor.orm.annotations.Entity.class).build())
                .defineField("name", String.class, java.lang.reflect.Modifier.PUBLIC);
        if (withId) {
            b = b.defineField("id", Long.class, java.lang.reflect.Modifier.PUBLIC)
                    .annotateField(net.bytebuddy.description.annotation.AnnotationDescription.Builder
                            .ofType(io.athanor.orm.annotations.Id.class).build());
        }
        if (extraType != null) {
            b = b.defineField("tags", extraType, java.lang.reflect.Modifier.PUBLIC);
        }
        return b.make().load(SessionErrorsTest.class.getClassLoader()).getLoaded();
    }

    @Test
    void aClassThatIsNotAMappedEntityIsNamed() {
        try (Session s = orm.factory.openSession()) {
            assertFails(OrmException.class, () -> s.add(new NoId()), "io.athanor.orm.bad.NoId", "not a mapped entity", "Stuff");
            assertFails(OrmException.class, () -> s.query(NoId.class), "NoId");
        }
        assertFails(MappingException.class, () -> MappingReader.read(NoId.class, 0), "NoId", "@Entity");
    }

    @Test
    void anEntityWithoutIdOrWithAnUnsupportedTypeIsRefusedAtBuild() {
        Class<?> keyless = entity("Keyless", false, null);
        Class<?> odd = entity("Odd", true, java.util.List.class);
        assertFails(MappingException.class, () -> MappingReader.read(keyless, 0), "Keyless", "@Id");
        assertFails(MappingException.class, () -> MappingReader.read(odd, 0), "Odd.tags", "java.util.List");
        assertFails(MappingException.class, () -> SessionFactory.builder().database(orm.database).entities(odd).build(), "Odd.tags");
    }

    @Test
    void getWithAnIdOfTheWrongTypeNamesBothTypes() {
        try (Session s = orm.factory.openSession()) {
            assertFails(OrmException.class, () -> s.get(Stuff.class, 1), "Stuff", "java.lang.Long", "java.lang.Integer");
        }
    }

    @Test
    void aClosedSessionRefusesWork() {
        Session s = orm.factory.openSession();
        s.close();
        assertFails(OrmException.class, () -> s.query(Stuff.class), "closed");
        assertFails(OrmException.class, () -> s.add(new Stuff(1, "x")), "closed");
        s.close();
    }

    @Test
    void expiringOrRefreshingATransientOrPendingObjectIsAnError() {
        try (Session s = orm.factory.openSession()) {
            Stuff stuff = new Stuff(1, "x");
            assertFails(OrmException.class, () -> s.expire(stuff), "expire", "transient");
            s.add(stuff);
            assertFails(OrmException.class, () -> s.refresh(stuff), "refresh", "pending");
        }
    }

    @Test
    void readingAnExpiredPropertyOfADetachedObjectSaysSo() {
        Stuff stuff;
        try (Session s = orm.factory.openSession()) {
            stuff = s.query(Stuff.class).where(Stuff_.foo.eq(1)).one();
            s.commit();
        }
        assertFails(DetachedInstanceException.class, stuff::getName, "Stuff#" + stuff.getId(), "detached", "name");
    }

    @Test
    void anExpiredObjectWhoseRowIsGoneNamesEntityAndKey() {
        try (Session s = orm.factory.openSession()) {
            Stuff stuff = s.query(Stuff.class).where(Stuff_.foo.eq(1)).one();
            s.commit();
            orm.database.execute(Sql.deleteFrom(Stuff_.TABLE).where(Stuff_.foo.eq(1)));
            assertFails(ObjectDeletedException.class, stuff::getName, "Stuff#" + stuff.getId());
            assertEquals(null, s.get(Stuff.class, stuff.getId()));
        }
    }

    @Test
    void oneNamesTheEntityWhenThereIsNoneOrMoreThanOne() {
        try (Session s = orm.factory.openSession()) {
            assertFails(OrmException.class, () -> s.query(Stuff.class).where(Stuff_.foo.gt(100)).one(), "Stuff", "none");
            assertFails(OrmException.class, () -> s.query(Stuff.class).one(), "Stuff", "more than one");
        }
    }

    @Test
    void anObjectOfAnotherOpenSessionCannotBeAdded() {
        try (Session a = orm.factory.openSession(); Session b = orm.factory.openSession()) {
            Stuff stuff = a.query(Stuff.class).where(Stuff_.foo.eq(1)).one();
            assertFails(OrmException.class, () -> b.add(stuff), "another open session");
        }
    }

    @Test
    void changingThePrimaryKeyOfALoadedObjectFailsAtFlushNamingTheObject() {
        try (Session s = orm.factory.openSession()) {
            Stuff stuff = s.query(Stuff.class).where(Stuff_.foo.eq(1)).one();
            Long id = stuff.getId();
            stuff.setId(999L);
            assertFails(OrmException.class, s::flush, "Stuff#" + id, "999", "primary key");
        }
    }

    @Test
    void theFactoryBuilderTakesCredentialsForItsOwnDatabaseAndRefusesThemBesideAGivenOne() {
        String url = "jdbc:sqlite:" + dir.resolve("credentials.db");
        try (SessionFactory sf = SessionFactory.builder().url(url).username("app").password("secret")
                .entities(Stuff.class).build()) {
            com.zaxxer.hikari.HikariDataSource pool = (com.zaxxer.hikari.HikariDataSource) sf.database().dataSource();
            assertEquals("app", pool.getUsername());
            assertEquals("secret", pool.getPassword());
        }
        assertFails(OrmException.class, () -> SessionFactory.builder().database(orm.database).username("app")
                .entities(Stuff.class).build(), "username/password go with url");
        assertFails(OrmException.class, () -> SessionFactory.builder().url(null), "url(null)");
        assertFails(OrmException.class, () -> SessionFactory.builder().url(url).build(), "no entities");
        assertFails(OrmException.class, () -> SessionFactory.builder().entities(Stuff.class).build(), "exactly one of url");
    }
}
