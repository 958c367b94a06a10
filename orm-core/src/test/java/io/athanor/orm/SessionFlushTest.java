package io.athanor.orm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.athanor.orm.OrmFixture.Executed;
import io.athanor.orm.model.Account;
import io.athanor.orm.model.Gadget;
import io.athanor.orm.model.Stuff;
import io.athanor.orm.model.Stuff_;
import io.athanor.sql.Sql;
import io.athanor.sql.StatementKind;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The unit of work: what a flush writes, in how many statements. */
class SessionFlushTest {
    @TempDir
    Path dir;
    OrmFixture orm;

    @BeforeEach
    void open() {
        orm = new OrmFixture(dir);
    }

    @AfterEach
    void close() {
        orm.close();
    }

    private List<Integer> foosInDatabase() {
        return orm.database.query(Sql.select(Stuff_.foo).from(Stuff_.TABLE).orderBy(Stuff_.id.asc()), r -> r.get(Stuff_.foo));
    }

    @Test
    void tenChangedAmongTenThousandLoadedFlushAsOneBatchedUpdateOfOnlyTheChangedColumn() {
        orm.seedStuff(10_000);
        try (Session s = orm.factory.openSession()) {
            List<Stuff> all = s.query(Stuff.class).orderBy(Stuff_.id.asc()).list();
            assertEquals(10_000, all.size());
            for (int i = 0; i < 10; i++) {
                all.get(i * 1000).setFoo(-i - 1);
            }
            orm.reset();
            s.flush();
            List<Executed> updates = orm.of(StatementKind.UPDATE);
            assertEquals(1, updates.size(), orm.statements.toString());
            assertEquals(10, updates.get(0).rows());
            assertEquals("UPDATE \"stuff\" SET \"foo\" = ? WHERE \"id\" = ?", updates.get(0).sql());
            assertEquals(1, orm.statements.size(), "nothing but the update: " + orm.statements);
            s.commit();
        }
        List<Integer> foos = foosInDatabase();
        for (int i = 0; i < 10; i++) {
            assertEquals(-i - 1, foos.get(i * 1000));
        }
        assertEquals(1, foos.get(1));
    }

    @Test
    void settingAPropertyToItsCurrentValueFlushesNothing() {
        orm.seedStuff(3);
        try (Session s = orm.factory.openSession()) {
            for (Stuff stuff : s.query(Stuff.class).list()) {
                stuff.setFoo(stuff.getFoo());
                stuff.setName(new String(stuff.getName()));
                assertFalse(s.isDirty(stuff));
            }
            orm.reset();
            s.flush();
            assertEquals(List.of(), orm.statements);
        }
    }

    @Test
    void anObjectChangedExpiredAndChangedAgainFlushesOneUpdate() {
        orm.seedStuff(2);
        try (Session s = orm.factory.openSession()) {
            Stuff stuff = s.query(Stuff.class).where(Stuff_.foo.eq(1)).one();
            stuff.setFoo(10);
            s.expire(stuff);
            stuff.setFoo(20);
            stuff.setFoo(30);
            orm.reset();
            s.flush();
            assertEquals(1, orm.of(StatementKind.UPDATE).size());
            assertEquals(1, orm.of(StatementKind.UPDATE).get(0).rows());
            s.commit();
        }
        assertEquals(List.of(0, 30), foosInDatabase());
    }

    @Test
    void changesThroughAnyMethodOfTheEntityAreTracked() {
        orm.seedStuff(1);
        try (Session s = orm.factory.openSession()) {
            Stuff stuff = s.query(Stuff.class).one();
            stuff.increment();
            assertTrue(s.isDirty(stuff));
            s.commit();
        }
        assertEquals(List.of(1), foosInDatabase());
    }

    @Test
    void differentChangedColumnSetsFlushAsOneBatchPerShape() {
        orm.seedStuff(4);
        try (Session s = orm.factory.openSession()) {
            List<Stuff> all = s.query(Stuff.class).orderBy(Stuff_.id.asc()).list();
            all.get(0).setFoo(100);
            all.get(1).setFoo(101);
            all.get(2).setName("renamed");
            all.get(3).setFoo(103);
            all.get(3).setName("both");
            orm.reset();
            s.flush();
            List<Executed> updates = orm.of(StatementKind.UPDATE);
            assertEquals(3, updates.size(), updates.toString());
            assertEquals(List.of(2, 1, 1), updates.stream().map(Executed::rows).toList());
        }
    }

    @Test
    void newObjectsAreInsertedInOneRoundOfStatementsAndGetTheirGeneratedKeys() {
        List<Stuff> created = new ArrayList<>();
        try (Session s = orm.factory.openSession()) {
            for (int i = 0; i < 50; i++) {
                Stuff stuff = new Stuff(i, "new" + i);
                s.add(stuff);
                created.add(stuff);
                assertEquals(ObjectState.PENDING, s.state(stuff));
            }
            s.flush();
            assertEquals(1, orm.of(StatementKind.INSERT).size());
            assertEquals(50, orm.of(StatementKind.INSERT).get(0).rows());
            for (Stuff stuff : created) {
                assertNotNull(stuff.getId());
                assertEquals(ObjectState.PERSISTENT, s.state(stuff));
                assertSame(stuff, s.get(Stuff.class, stuff.getId()));
            }
            s.commit();
        }
        assertEquals(50, foosInDatabase().size());
    }

    @Test
    void transientFieldsAreNeitherStoredNorLoaded() {
        Gadget g = new Gadget();
        g.id = UUID.randomUUID();
        g.label = "kept";
        g.scratch = "@Transient";
        g.alsoScratch = 7;
        try (Session s = orm.factory.openSession()) {
            s.add(g);
            s.commit();
        }
        try (Session s = orm.factory.openSession()) {
            Gadget back = s.get(Gadget.class, g.id);
            assertEquals("kept", back.label);
            assertEquals(null, back.scratch);
            assertEquals(0, back.alsoScratch);
        }
        // every contract type through the session, on every dialect: io.athanor.test.kit.SessionSuite (orm-test)
    }

    @Test
    void deletesFlushAsOneBatchAndLeaveTheIdentityMap() {
        orm.seedStuff(5);
        try (Session s = orm.factory.openSession()) {
            List<Stuff> all = s.query(Stuff.class).orderBy(Stuff_.id.asc()).list();
            s.delete(all.get(1));
            s.delete(all.get(3));
            assertEquals(ObjectState.PERSISTENT, s.state(all.get(1)), "deleted only once flushed");
            orm.reset();
            s.flush();
            assertEquals(1, orm.of(StatementKind.DELETE).size());
            assertEquals(2, orm.of(StatementKind.DELETE).get(0).rows());
            assertEquals(ObjectState.DELETED, s.state(all.get(1)));
            assertEquals(null, s.get(Stuff.class, all.get(1).getId()));
            s.commit();
            assertEquals(ObjectState.DETACHED, s.state(all.get(1)));
        }
        assertEquals(List.of(0, 2, 4), foosInDatabase());
    }

    @Test
    void versionIsCheckedAndBumpedOnEveryUpdate() {
        Long id;
        try (Session s = orm.factory.openSession()) {
            Account a = new Account("a@example.com", 10);
            s.add(a);
            s.commit();
            id = a.getId();
            assertEquals(0, a.getVersion());
        }
        try (Session s = orm.factory.openSession()) {
            Account a = s.get(Account.class, id);
            a.setBalance(20);
            orm.reset();
            s.flush();
            assertEquals("UPDATE \"account\" SET \"balance\" = ?, \"version\" = ? WHERE \"id\" = ? AND \"version\" = ?",
                    orm.of(StatementKind.UPDATE).get(0).sql());
            assertEquals(1, a.getVersion());
            s.commit();
            assertEquals(1, a.getVersion());
        }
    }

    @Test
    void aVersionConflictFromASecondSessionRaisesStaleObjectExceptionAndKeepsNothing() throws Exception {
        // Without expire-on-commit the first session keeps the version it loaded, as a long-lived edit would.
        orm.close();
        orm = new OrmFixture(java.nio.file.Files.createDirectory(dir.resolve("noexpire")), b -> b.expireOnCommit(false));
        Long id;
        try (Session s = orm.factory.openSession()) {
            Account a = new Account("a@example.com", 10);
            s.add(a);
            s.commit();
            id = a.getId();
        }
        Session first = orm.factory.openSession();
        Account mine = first.get(Account.class, id);
        assertEquals(10, mine.getBalance());
        first.commit(); // ends the read transaction; the loaded version 0 stays in the object
        try (Session second = orm.factory.openSession()) {
            second.get(Account.class, id).setBalance(99);
            second.commit();
        }
        Account other = new Account("b@example.com", 1);
        first.add(other);
        mine.setBalance(11);
        StaleObjectException e = org.junit.jupiter.api.Assertions.assertThrows(StaleObjectException.class, first::flush);
        assertTrue(e.getMessage().contains("Account#" + id) && e.getMessage().contains("version 0"), e.getMessage());
        assertEquals(0, mine.getVersion(), "the version bump of the failed flush was not applied");
        first.rollback();
        first.close();
        assertEquals(List.of(99L), orm.database.query(Sql.select(io.athanor.orm.model.Account_.balance).from(io.athanor.orm.model.Account_.TABLE),
                r -> r.get(io.athanor.orm.model.Account_.balance)), "nothing of the failed flush was kept, not even the insert");
        assertEquals(null, other.getId(), "the generated key handed out during the failed flush was taken back");
    }

    @Test
    void deletingAVersionedObjectChecksTheVersion() {
        Long id;
        try (Session s = orm.factory.openSession()) {
            Account a = new Account("a@example.com", 10);
            s.add(a);
            s.commit();
            id = a.getId();
        }
        try (Session s = orm.factory.openSession()) {
            Account a = s.get(Account.class, id);
            s.delete(a);
            orm.reset();
            s.commit();
            assertEquals("DELETE FROM \"account\" WHERE \"id\" = ? AND \"version\" = ?", orm.of(StatementKind.DELETE).get(0).sql());
        }
    }
}
