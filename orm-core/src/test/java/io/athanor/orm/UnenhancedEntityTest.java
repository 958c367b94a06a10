package io.athanor.orm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.athanor.orm.annotations.Entity;
import io.athanor.orm.annotations.Id;
import io.athanor.orm.enhance.EnhancedEntity;
import io.athanor.sql.Column;
import io.athanor.sql.Database;
import io.athanor.sql.Sql;
import io.athanor.sql.StatementKind;
import io.athanor.sql.Table;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.description.annotation.AnnotationDescription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A class the build did not enhance is refused by {@code build()} unless the factory allows it;
 * then it works with changes found by comparing snapshots at flush, and the session never leaves
 * such an object expired (it cannot reload on read). The class is made at test time so the
 * build-time enhancer never sees it.
 */
class UnenhancedEntityTest {
    @TempDir
    Path dir;
    Database db;
    SessionFactory sf;
    Class<?> plain;
    final List<String> updates = new ArrayList<>();

    @BeforeEach
    void open() throws Exception {
        plain = new ByteBuddy().subclass(Object.class).name("io.athanor.orm.runtime.Plain")
                .annotateType(AnnotationDescription.Builder.ofType(Entity.class).define("table", "plain").build())
                .defineField("id", Long.class, Modifier.PUBLIC)
                .annotateField(AnnotationDescription.Builder.ofType(Id.class).build())
                .defineField("foo", int.class, Modifier.PUBLIC)
                .defineField("name", String.class, Modifier.PUBLIC)
                .make().load(getClass().getClassLoader()).getLoaded();
        db = Database.builder().url("jdbc:sqlite:" + dir.resolve("p.db")).listener((sql, kind, rows, values) -> {
            if (kind == StatementKind.UPDATE) {
                updates.add(sql);
            }
        }).build();
        sf = SessionFactory.builder().database(db).entities(plain).allowUnenhanced(true).build();
        sf.createTables();
    }

    @AfterEach
    void close() {
        sf.close();
        db.close();
    }

    private Object newPlain(int foo, String name) throws Exception {
        Object o = plain.getDeclaredConstructor().newInstance();
        plain.getField("foo").set(o, foo);
        plain.getField("name").set(o, name);
        return o;
    }

    @Test
    void changesAreFoundBySnapshotAndOnlyChangedColumnsAreWritten() throws Exception {
        assertFalse(EnhancedEntity.class.isAssignableFrom(plain));
        Field foo = plain.getField("foo");
        try (Session s = sf.openSession()) {
            s.add(newPlain(1, "a"));
            s.add(newPlain(2, "b"));
            s.commit();
            List<?> all = s.query(plain).list();
            foo.set(all.get(0), 10);
            assertTrue(s.isDirty(all.get(0)));
            assertFalse(s.isDirty(all.get(1)));
            foo.set(all.get(1), 2); // the same value: no change
            s.commit();
        }
        assertEquals(List.of("UPDATE \"plain\" SET \"foo\" = ? WHERE \"id\" = ?"), updates);
        assertEquals(List.of(10, 2), foosInDatabase());
    }

    private List<Integer> foosInDatabase() {
        Table t = io.athanor.orm.internal.mapping.MappingReader.read(plain, 0).table();
        Column<Integer> foo = t.column("foo", Integer.class);
        return db.query(Sql.select(foo).from(t).orderBy(t.column("id").asc()), r -> r.get(foo));
    }

    @Test
    void loadedObjectsAreTheSameInstancesAndBulkUpdatesSynchronize() throws Exception {
        Field foo = plain.getField("foo");
        try (Session s = sf.openSession()) {
            s.add(newPlain(1, "a"));
            s.commit();
            Object first = s.query(plain).one();
            assertSame(first, s.query(plain).one());
            @SuppressWarnings("unchecked")
            Column<Integer> fooColumn = (Column<Integer>) io.athanor.orm.internal.mapping.MappingReader.read(plain, 0)
                    .table().column("foo");
            s.query(plain).update(Map.of(fooColumn, fooColumn.plus(5)), Synchronize.EVALUATE);
            assertEquals(6, foo.get(first));
            assertFalse(s.isDirty(first), "synchronized values are committed state, not changes");
            s.commit();
        }
        assertEquals(List.of(6), foosInDatabase());
    }

    @Test
    void buildRefusesAnUnenhancedClassNamingItAndTheMissingBuildStep() {
        MappingException e = assertThrows(MappingException.class,
                () -> SessionFactory.builder().database(db).entities(plain).build());
        assertTrue(e.getMessage().contains("io.athanor.orm.runtime.Plain"), e.getMessage());
        assertTrue(e.getMessage().contains("byte-buddy-maven-plugin"), e.getMessage());
        assertTrue(e.getMessage().contains("<plugin>io.athanor.orm.enhance.EntityEnhancer</plugin>"), e.getMessage());
        assertTrue(e.getMessage().contains("allowUnenhanced(true)"), e.getMessage());
    }

    @Test
    void afterCommitAnEvaluateBulkUpdateStillUpdatesTheLoadedObject() throws Exception {
        Field foo = plain.getField("foo");
        try (Session s = sf.openSession()) {
            s.add(newPlain(1, "a"));
            s.commit();
            Object first = s.query(plain).one();
            s.commit();
            s.query(plain).update(Map.of(fooColumn(), fooColumn().plus(5)), Synchronize.EVALUATE);
            assertEquals(6, foo.get(first), "the getter must not return the value from before the update");
            assertEquals(ObjectState.PERSISTENT, s.state(first));
        }
    }

    @Test
    void expireReloadsAtOnceFromTheRow() throws Exception {
        Field foo = plain.getField("foo");
        try (Session s = sf.openSession()) {
            s.add(newPlain(1, "a"));
            s.commit();
            Object first = s.query(plain).one();
            s.execute(Sql.update(table()).set(fooColumn(), 42));
            s.expire(first);
            assertEquals(42, foo.get(first));
            s.execute(Sql.update(table()).set(fooColumn(), 43));
            s.expireAll();
            assertEquals(43, foo.get(first));
            assertFalse(s.isDirty(first));
        }
    }

    @Test
    void expireOfAnObjectWhoseRowIsGoneDetachesIt() throws Exception {
        try (Session s = sf.openSession()) {
            s.add(newPlain(1, "a"));
            s.commit();
            Object first = s.query(plain).one();
            s.execute(Sql.deleteFrom(table()));
            s.expire(first);
            assertEquals(ObjectState.DETACHED, s.state(first));
            assertFalse(s.contains(first));
        }
    }

    @Test
    void commitKeepsTheCommittedValuesAndRollbackDetaches() throws Exception {
        Field foo = plain.getField("foo");
        try (Session s = sf.openSession()) {
            s.add(newPlain(1, "a"));
            s.commit();
            Object first = s.query(plain).one();
            foo.set(first, 7);
            s.commit();
            assertEquals(ObjectState.PERSISTENT, s.state(first));
            assertEquals(7, foo.get(first));
            foo.set(first, 8);
            s.flush();
            s.rollback();
            assertEquals(ObjectState.DETACHED, s.state(first), "its 8 was rolled back; the session disowns it");
            assertFalse(s.contains(first));
            Object again = s.query(plain).one();
            assertEquals(7, foo.get(again));
        }
        assertEquals(List.of(7), foosInDatabase());
    }

    @Test
    void anObjectDetachedByRollbackIsReattachedByAddAndItsChangeWritten() throws Exception {
        Field foo = plain.getField("foo");
        try (Session s = sf.openSession()) {
            s.add(newPlain(1, "a"));
            s.commit();
            Object first = s.query(plain).one();
            s.rollback();
            assertEquals(ObjectState.DETACHED, s.state(first));
            foo.set(first, 9);
            s.add(first);
            assertEquals(ObjectState.PERSISTENT, s.state(first));
            assertTrue(s.isDirty(first));
            s.commit();
        }
        assertEquals(List.of("UPDATE \"plain\" SET \"foo\" = ? WHERE \"id\" = ?"), updates);
        assertEquals(List.of(9), foosInDatabase());
    }

    private Table table() {
        return io.athanor.orm.internal.mapping.MappingReader.read(plain, 0).table();
    }

    @SuppressWarnings("unchecked")
    private Column<Integer> fooColumn() {
        return (Column<Integer>) table().column("foo");
    }
}
