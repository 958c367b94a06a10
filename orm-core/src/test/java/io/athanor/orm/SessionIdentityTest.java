package io.athanor.orm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.athanor.orm.model.Stuff;
import io.athanor.orm.model.Stuff_;
import io.athanor.sql.Sql;
import io.athanor.sql.StatementKind;
import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One object per row, held weakly unless it has unflushed work. */
class SessionIdentityTest {
    @TempDir
    Path dir;
    OrmFixture orm;

    @BeforeEach
    void open() {
        orm = new OrmFixture(dir);
        orm.seedStuff(20);
    }

    @AfterEach
    void close() {
        orm.close();
    }

    @Test
    void theSameRowComesBackAsTheSameInstance() {
        try (Session s = orm.factory.openSession()) {
            Stuff a = s.query(Stuff.class).where(Stuff_.foo.eq(3)).one();
            Stuff b = s.query(Stuff.class).where(Stuff_.name.eq("n3")).one();
            assertSame(a, b);
            assertSame(a, s.get(Stuff.class, a.getId()));
        }
    }

    @Test
    void getOfALoadedObjectIssuesNoSqlAndDoesNotAutoflush() {
        try (Session s = orm.factory.openSession()) {
            Stuff a = s.query(Stuff.class).where(Stuff_.foo.eq(3)).one();
            Stuff other = s.query(Stuff.class).where(Stuff_.foo.eq(4)).one();
            other.setFoo(400);
            orm.reset();
            assertSame(a, s.get(Stuff.class, a.getId()));
            assertEquals(List.of(), orm.statements);
            assertTrue(s.isDirty(other));
        }
    }

    @Test
    void getOfAnAbsentRowReturnsNull() {
        try (Session s = orm.factory.openSession()) {
            assertNull(s.get(Stuff.class, 12345L));
        }
    }

    @Test
    void aRequeryWithAutoflushOffKeepsTheUnflushedChange() throws Exception {
        orm.close();
        orm = new OrmFixture(java.nio.file.Files.createDirectory(dir.resolve("noautoflush")), b -> b.autoflush(false));
        orm.seedStuff(5);
        try (Session s = orm.factory.openSession()) {
            Stuff a = s.query(Stuff.class).where(Stuff_.foo.eq(3)).one();
            a.setName("changed in memory");
            Stuff again = s.query(Stuff.class).where(Stuff_.foo.eq(3)).one();
            assertSame(a, again);
            assertEquals("changed in memory", again.getName());
            assertEquals(0, orm.of(StatementKind.UPDATE).size());
        }
    }

    @Test
    void aCleanObjectNobodyReferencesCanBeCollectedWhileTheSessionIsOpen() throws Exception {
        try (Session s = orm.factory.openSession()) {
            WeakReference<Stuff> clean = new WeakReference<>(s.query(Stuff.class).where(Stuff_.foo.eq(1)).one());
            Stuff changedStrong = s.query(Stuff.class).where(Stuff_.foo.eq(2)).one();
            changedStrong.setFoo(200);
            Long changedId = changedStrong.getId();
            WeakReference<Stuff> changed = new WeakReference<>(changedStrong);
            changedStrong = null;
            for (int i = 0; i < 50 && clean.get() != null; i++) {
                System.gc();
                Thread.sleep(10);
            }
            assertNull(clean.get(), "the clean object was collected");
            assertNotNull(changed.get(), "the changed object is held until flushed");
            s.commit();
            assertEquals(List.of(200), orm.database.query(Sql.select(Stuff_.foo).from(Stuff_.TABLE).where(Stuff_.id.eq(changedId)),
                    r -> r.get(Stuff_.foo)));
        }
    }

    @Test
    void streamingReadsObjectsAsTheyAreConsumed() {
        orm.seedStuff(5000);
        try (Session s = orm.factory.openSession()) {
            long before = Stuff.CONSTRUCTED.get();
            try (Stream<Stuff> stream = s.query(Stuff.class).stream()) {
                assertEquals(10, stream.limit(10).count());
            }
            long made = Stuff.CONSTRUCTED.get() - before;
            assertTrue(made < 1000, "only the consumed rows became objects, not all 5020: " + made);
        }
    }

    @Test
    void anObjectWithAnIdentityAlreadyInTheSessionCannotBeAdded() {
        try (Session s = orm.factory.openSession()) {
            Stuff loaded = s.query(Stuff.class).where(Stuff_.foo.eq(1)).one();
            Stuff copy;
            try (Session other = orm.factory.openSession()) {
                copy = other.get(Stuff.class, loaded.getId());
            }
            OrmException e = org.junit.jupiter.api.Assertions.assertThrows(OrmException.class, () -> s.add(copy));
            assertTrue(e.getMessage().contains("Stuff#" + loaded.getId()) && e.getMessage().contains("already"), e.getMessage());
        }
    }
}
