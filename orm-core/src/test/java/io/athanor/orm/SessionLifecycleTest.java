package io.athanor.orm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.athanor.orm.model.Account;
import io.athanor.orm.model.Stuff;
import io.athanor.orm.model.Stuff_;
import io.athanor.sql.Sql;
import io.athanor.sql.StatementKind;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** States, commit, rollback, expiry and the refusal after a failed flush. */
class SessionLifecycleTest {
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

    private long stuffRows() {
        return orm.database.query(Sql.select(Sql.count()).from(Stuff_.TABLE), r -> r.<Long>get(0)).get(0);
    }

    @Test
    void anObjectMovesThroughTransientPendingPersistentDeletedAndDetached() {
        Stuff stuff = new Stuff(1, "x");
        try (Session s = orm.factory.openSession()) {
            assertEquals(ObjectState.TRANSIENT, s.state(stuff));
            s.add(stuff);
            assertEquals(ObjectState.PENDING, s.state(stuff));
            s.flush();
            assertEquals(ObjectState.PERSISTENT, s.state(stuff));
            s.commit();
            assertEquals(ObjectState.PERSISTENT, s.state(stuff));
            s.delete(stuff);
            assertTrue(s.contains(stuff), "marked for deletion, DELETE not flushed: still in the session");
            s.flush();
            assertEquals(ObjectState.DELETED, s.state(stuff));
            assertFalse(s.contains(stuff), "SQLAlchemy: a flushed-deleted object is not in the session");
            s.commit();
            assertEquals(ObjectState.DETACHED, s.state(stuff));
            assertFalse(s.contains(stuff));
        }
    }

    @Test
    void closingTheSessionDetachesItsObjects() {
        Stuff stuff;
        try (Session s = orm.factory.openSession()) {
            stuff = s.query(Stuff.class).where(Stuff_.foo.eq(1)).one();
        }
        try (Session s = orm.factory.openSession()) {
            assertEquals(ObjectState.DETACHED, s.state(stuff));
            assertEquals(1, stuff.getFoo(), "values loaded before the close stay readable");
        }
    }

    @Test
    void afterCommitTheNextReadIssuesOneSelectAndSeesAValueChangedBehindTheSession() {
        try (Session s = orm.factory.openSession()) {
            Stuff stuff = s.query(Stuff.class).where(Stuff_.foo.eq(1)).one();
            s.commit();
            orm.database.execute(Sql.update(Stuff_.TABLE).set(Stuff_.name, "changed behind").where(Stuff_.foo.eq(1)));
            orm.reset();
            assertEquals("changed behind", stuff.getName());
            assertEquals(1, stuff.getFoo());
            assertEquals(1, orm.of(StatementKind.SELECT).size(), orm.statements.toString());
            assertEquals(1, orm.statements.size());
        }
    }

    @Test
    void withoutExpireOnCommitObjectsKeepTheirValues() throws Exception {
        orm.close();
        orm = new OrmFixture(java.nio.file.Files.createDirectory(dir.resolve("keep")), b -> b.expireOnCommit(false));
        orm.seedStuff(2);
        try (Session s = orm.factory.openSession()) {
            Stuff stuff = s.query(Stuff.class).where(Stuff_.foo.eq(1)).one();
            s.commit();
            orm.database.execute(Sql.update(Stuff_.TABLE).set(Stuff_.name, "changed behind").where(Stuff_.foo.eq(1)));
            orm.reset();
            assertEquals("n1", stuff.getName());
            assertEquals(List.of(), orm.statements);
        }
    }

    @Test
    void rollbackMakesPendingAndInsertedObjectsTransientRestoresDeletedOnesAndExpiresTheRest() {
        try (Session s = orm.factory.openSession()) {
            List<Stuff> loaded = s.query(Stuff.class).orderBy(Stuff_.id.asc()).list();
            Stuff inserted = new Stuff(10, "inserted");
            s.add(inserted);
            s.flush();
            Stuff pending = new Stuff(11, "pending");
            s.add(pending);
            s.delete(loaded.get(0));
            s.flush();
            loaded.get(1).setName("unflushed change");
            s.rollback();
            assertEquals(ObjectState.TRANSIENT, s.state(inserted));
            assertEquals(ObjectState.TRANSIENT, s.state(pending));
            assertEquals(ObjectState.PERSISTENT, s.state(loaded.get(0)));
            assertSame(loaded.get(0), s.get(Stuff.class, loaded.get(0).getId()));
            assertEquals("n1", loaded.get(1).getName(), "the unflushed change was dropped and reloaded");
            assertFalse(s.isDirty(loaded.get(1)));
            s.commit();
        }
        assertEquals(3, stuffRows());
    }

    @Test
    void aFailedFlushRollsTheDatabaseBackAndRefusesFurtherSqlUntilRollback() {
        try (Session s = orm.factory.openSession()) {
            s.add(new Account("same@example.com", 1));
            s.add(new Stuff(50, "flushed before the failure"));
            s.flush();
            s.add(new Account("same@example.com", 2));
            RuntimeException failure = assertThrows(RuntimeException.class, s::flush);
            assertTrue(failure.getMessage().toUpperCase().contains("UNIQUE"), failure.getMessage());
            assertEquals(3, stuffRows(), "the earlier flush of this transaction was rolled back too");
            OrmException refused = assertThrows(OrmException.class, () -> s.query(Stuff.class).list());
            assertTrue(refused.getMessage().contains("rollback()") && refused.getMessage().contains("UNIQUE"), refused.getMessage());
            assertThrows(OrmException.class, s::commit);
            s.rollback();
            assertEquals(3, s.query(Stuff.class).list().size());
        }
    }

    @Test
    void expireDropsUnflushedChangesAndReloadsOnRead() {
        try (Session s = orm.factory.openSession()) {
            Stuff stuff = s.query(Stuff.class).where(Stuff_.foo.eq(2)).one();
            stuff.setName("unflushed");
            s.expire(stuff);
            assertFalse(s.isDirty(stuff));
            orm.reset();
            assertEquals("n2", stuff.getName());
            assertEquals(1, orm.of(StatementKind.SELECT).size());
        }
    }

    @Test
    void refreshReloadsAtOnce() {
        try (Session s = orm.factory.openSession()) {
            Stuff stuff = s.query(Stuff.class).where(Stuff_.foo.eq(2)).one();
            s.execute(Sql.update(Stuff_.TABLE).set(Stuff_.name, "via execute").where(Stuff_.foo.eq(2)));
            assertEquals("n2", stuff.getName(), "execute() does not touch session objects");
            s.refresh(stuff);
            orm.reset();
            assertEquals("via execute", stuff.getName());
            assertEquals(List.of(), orm.statements);
        }
    }

    @Test
    void expungeDetachesAndGetLoadsAFreshInstance() {
        try (Session s = orm.factory.openSession()) {
            Stuff stuff = s.query(Stuff.class).where(Stuff_.foo.eq(2)).one();
            s.expunge(stuff);
            assertFalse(s.contains(stuff));
            assertEquals(ObjectState.DETACHED, s.state(stuff));
            Stuff fresh = s.get(Stuff.class, stuff.getId());
            assertFalse(fresh == stuff);
        }
    }

    @Test
    void aDetachedObjectCanBeAddedToAnotherSessionAndItsChangesFlushed() {
        Stuff stuff;
        try (Session s = orm.factory.openSession()) {
            stuff = s.query(Stuff.class).where(Stuff_.foo.eq(2)).one();
            s.commit();
            stuff.getName(); // load while attached
        }
        stuff.setName("changed while detached");
        try (Session s = orm.factory.openSession()) {
            s.add(stuff);
            assertEquals(ObjectState.PERSISTENT, s.state(stuff));
            s.commit();
        }
        assertEquals(List.of("changed while detached"), orm.database.query(
                Sql.select(Stuff_.name).from(Stuff_.TABLE).where(Stuff_.foo.eq(2)), r -> r.get(Stuff_.name)));
    }

    @Test
    void deletingAPendingObjectJustForgetsIt() {
        try (Session s = orm.factory.openSession()) {
            Stuff stuff = new Stuff(9, "never inserted");
            s.add(stuff);
            s.delete(stuff);
            assertEquals(ObjectState.TRANSIENT, s.state(stuff));
            s.commit();
            assertEquals(List.of(), orm.of(StatementKind.INSERT));
        }
        assertNull(null);
    }

    @Test
    void autoflushWritesPendingChangesBeforeAQuery() {
        try (Session s = orm.factory.openSession()) {
            s.add(new Stuff(77, "autoflushed"));
            assertEquals(1, s.query(Stuff.class).where(Stuff_.foo.eq(77)).count());
        }
        assertEquals(3, stuffRows(), "closing without commit rolled the autoflushed insert back");
    }
}
