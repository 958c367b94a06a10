package io.athanor.test.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.athanor.orm.ObjectState;
import io.athanor.orm.OrmException;
import io.athanor.orm.Session;
import io.athanor.orm.SessionFactory;
import io.athanor.orm.StaleObjectException;
import io.athanor.sql.Sql;
import io.athanor.sql.StatementKind;
import io.athanor.test.kit.StatementLog.Executed;
import io.athanor.test.kit.entities.KitAccount;
import io.athanor.test.kit.entities.KitAccount_;
import io.athanor.test.kit.entities.KitGadget;
import io.athanor.test.kit.entities.KitStuff;
import io.athanor.test.kit.entities.KitStuff_;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The ORM's session semantics on one dialect: the identity map, flushes that write only changed
 * columns in batches, generated keys, deletes, optimistic locking, expire-on-commit, a failed
 * flush's refusal until rollback, and rollback. Subclass it and return your database from
 * {@link #target()}.
 */
public abstract class SessionSuite extends OrmKitSuite {
    @Test
    void theSameRowComesBackAsTheSameInstanceAndGetOfItIssuesNoSql() {
        seedStuff(5);
        try (Session s = factory.openSession()) {
            KitStuff a = s.query(KitStuff.class).where(KitStuff_.foo.eq(3)).one();
            KitStuff other = s.query(KitStuff.class).where(KitStuff_.foo.eq(4)).one();
            assertSame(a, s.query(KitStuff.class).where(KitStuff_.name.eq("n3")).one());
            other.setFoo(400);
            log.clear();
            assertSame(a, s.get(KitStuff.class, a.getId()));
            assertEquals(List.of(), log.all(), "get of a loaded object: no SQL, no autoflush");
            assertTrue(s.isDirty(other));
            assertNull(s.get(KitStuff.class, 123_456L));
        }
    }

    @Test
    void changedObjectsFlushAsOneBatchedUpdateOfOnlyTheChangedColumn() {
        seedStuff(200);
        try (Session s = factory.openSession()) {
            List<KitStuff> all = s.query(KitStuff.class).orderBy(KitStuff_.id.asc()).list();
            for (int i = 0; i < 10; i++) {
                all.get(i * 20).setFoo(-i - 1);
            }
            all.get(1).setFoo(all.get(1).getFoo()); // the same value is no change
            log.clear();
            s.flush();
            List<Executed> updates = log.of(StatementKind.UPDATE);
            assertEquals(1, updates.size(), log.all().toString());
            assertEquals(10, updates.get(0).rows());
            String sql = updates.get(0).sql();
            assertTrue(sql.contains(dialect().quote("foo")) && !sql.contains(dialect().quote("name")), sql);
            assertEquals(1, log.all().size(), "nothing but the update: " + log.all());
            s.commit();
        }
        List<Integer> foos = foosInDatabase();
        for (int i = 0; i < 10; i++) {
            assertEquals(-i - 1, foos.get(i * 20));
        }
        assertEquals(1, foos.get(1));
    }

    @Test
    void newObjectsGetTheirGeneratedKeysAndAreInTheIdentityMap() {
        List<KitStuff> created = new ArrayList<>();
        List<Long> keys = new ArrayList<>();
        try (Session s = factory.openSession()) {
            for (int i = 0; i < 50; i++) {
                KitStuff stuff = new KitStuff(i, "new" + i);
                s.add(stuff);
                created.add(stuff);
                assertEquals(ObjectState.PENDING, s.state(stuff));
            }
            s.flush();
            assertEquals(50, log.of(StatementKind.INSERT).stream().mapToInt(Executed::rows).sum(), log.all().toString());
            assertEquals(50, created.stream().map(KitStuff::getId).distinct().count());
            for (KitStuff stuff : created) {
                assertNotNull(stuff.getId());
                assertEquals(ObjectState.PERSISTENT, s.state(stuff));
                assertSame(stuff, s.get(KitStuff.class, stuff.getId()));
            }
            keys.addAll(created.stream().map(KitStuff::getId).toList());
            s.commit();
        }
        try (Session s = factory.openSession()) {
            for (int i = 0; i < keys.size(); i++) {
                assertEquals("new" + i, s.get(KitStuff.class, keys.get(i)).getName(), "the key names its own row");
            }
        }
    }

    @Test
    void everyContractTypeRoundTripsThroughTheSession() {
        KitGadget g = new KitGadget();
        g.id = UUID.randomUUID();
        g.flag = true;
        g.count = Integer.MIN_VALUE;
        g.big = Long.MAX_VALUE;
        g.ratio = -0.5;
        g.price = new BigDecimal("12.3400000000");
        g.label = "\uD83D\uDE00 'quoted' -- /* */";
        g.data = new byte[] {1, 2, 3};
        g.day = LocalDate.of(2026, 11, 24);
        g.moment = LocalDateTime.of(2026, 11, 24, 5, 30, 0, 123_456_000);
        g.stamp = Instant.ofEpochSecond(1_800_000_000L, 999_999_000);
        g.ref = new UUID(7, 8);
        g.kind = KitGadget.Kind.LARGE;
        try (Session s = factory.openSession()) {
            s.add(g);
            s.commit();
        }
        try (Session s = factory.openSession()) {
            KitGadget back = s.get(KitGadget.class, g.id);
            assertEquals(List.of(g.flag, g.count, g.big, g.ratio, g.label, g.day, g.moment, g.stamp, g.ref, g.kind),
                    List.of(back.flag, back.count, back.big, back.ratio, back.label, back.day, back.moment, back.stamp,
                            back.ref, back.kind));
            assertEquals(0, g.price.compareTo(back.price), "price " + back.price);
            assertEquals(List.of((byte) 1, (byte) 2, (byte) 3), List.of(back.data[0], back.data[1], back.data[2]));
            assertTrue(back.maybe == null && back.optionalCount == null && back.optionalBig == null && back.optionalRatio == null);
        }
    }

    @Test
    void deletesFlushAsOneBatchAndLeaveTheIdentityMap() {
        seedStuff(5);
        try (Session s = factory.openSession()) {
            List<KitStuff> all = s.query(KitStuff.class).orderBy(KitStuff_.id.asc()).list();
            s.delete(all.get(1));
            s.delete(all.get(3));
            assertEquals(ObjectState.PERSISTENT, s.state(all.get(1)), "deleted only once flushed");
            log.clear();
            s.flush();
            assertEquals(1, log.of(StatementKind.DELETE).size());
            assertEquals(2, log.of(StatementKind.DELETE).get(0).rows());
            assertEquals(ObjectState.DELETED, s.state(all.get(1)));
            assertNull(s.get(KitStuff.class, all.get(1).getId()));
            s.commit();
            assertEquals(ObjectState.DETACHED, s.state(all.get(1)));
        }
        assertEquals(List.of(0, 2, 4), foosInDatabase());
    }

    @Test
    void aVersionConflictRaisesStaleObjectExceptionAndKeepsNothingOfTheFlush() {
        // Without expire-on-commit the first session keeps the version it loaded, as a long-lived edit would.
        SessionFactory keeping = newFactory(b -> b.expireOnCommit(false));
        Long id;
        try (Session s = keeping.openSession()) {
            KitAccount a = new KitAccount("a@example.com", 10);
            s.add(a);
            s.commit();
            id = a.getId();
        }
        try (Session first = keeping.openSession()) {
            KitAccount mine = first.get(KitAccount.class, id);
            assertEquals(10, mine.getBalance());
            first.commit();
            try (Session second = keeping.openSession()) {
                second.get(KitAccount.class, id).setBalance(99);
                second.commit();
            }
            KitAccount other = new KitAccount("b@example.com", 1);
            first.add(other);
            mine.setBalance(11);
            StaleObjectException e = assertThrows(StaleObjectException.class, first::flush);
            assertTrue(e.getMessage().contains("version 0"), e.getMessage());
            assertEquals(0, mine.getVersion(), "the version bump of the failed flush was not applied");
            first.rollback();
            assertNull(other.getId(), "the generated key handed out during the failed flush was taken back");
        }
        assertEquals(List.of(99L), db.query(Sql.select(KitAccount_.balance).from(KitAccount_.TABLE), r -> r.get(KitAccount_.balance)),
                "nothing of the failed flush was kept, not even the insert");
    }

    @Test
    void afterCommitTheNextReadIssuesOneSelectAndSeesAValueChangedBehindTheSession() {
        seedStuff(3);
        try (Session s = factory.openSession()) {
            KitStuff stuff = s.query(KitStuff.class).where(KitStuff_.foo.eq(1)).one();
            s.commit();
            db.execute(Sql.update(KitStuff_.TABLE).set(KitStuff_.name, "changed behind").where(KitStuff_.foo.eq(1)));
            log.clear();
            assertEquals("changed behind", stuff.getName());
            assertEquals(1, stuff.getFoo());
            assertEquals(List.of("SELECT"), log.kinds());
        }
    }

    @Test
    void aFailedFlushRollsTheDatabaseBackAndRefusesFurtherSqlUntilRollback() {
        seedStuff(3);
        try (Session s = factory.openSession()) {
            s.add(new KitAccount("same@example.com", 1));
            s.add(new KitStuff(50, "flushed before the failure"));
            s.flush();
            s.add(new KitAccount("same@example.com", 2));
            RuntimeException failure = assertThrows(RuntimeException.class, s::flush);
            assertEquals(3, foosInDatabase().size(), "the earlier flush of this transaction was rolled back too");
            OrmException refused = assertThrows(OrmException.class, () -> s.query(KitStuff.class).list());
            assertTrue(refused.getMessage().contains("rollback()"), refused.getMessage());
            assertSame(failure, refused.getCause(), "the refusal names the original failure");
            assertThrows(OrmException.class, s::commit);
            s.rollback();
            assertEquals(3, s.query(KitStuff.class).list().size());
        }
    }

    @Test
    void rollbackMakesPendingAndInsertedObjectsTransientRestoresDeletedOnesAndExpiresTheRest() {
        seedStuff(3);
        try (Session s = factory.openSession()) {
            List<KitStuff> loaded = s.query(KitStuff.class).orderBy(KitStuff_.id.asc()).list();
            KitStuff inserted = new KitStuff(10, "inserted");
            s.add(inserted);
            s.flush();
            KitStuff pending = new KitStuff(11, "pending");
            s.add(pending);
            s.delete(loaded.get(0));
            s.flush();
            loaded.get(1).setName("unflushed change");
            s.rollback();
            assertEquals(ObjectState.TRANSIENT, s.state(inserted));
            assertEquals(ObjectState.TRANSIENT, s.state(pending));
            assertEquals(ObjectState.PERSISTENT, s.state(loaded.get(0)));
            assertSame(loaded.get(0), s.get(KitStuff.class, loaded.get(0).getId()));
            assertEquals("n1", loaded.get(1).getName(), "the unflushed change was dropped and reloaded");
            assertFalse(s.isDirty(loaded.get(1)));
            s.commit();
        }
        assertEquals(List.of(0, 1, 2), foosInDatabase());
    }

    @Test
    void insertAllReturnsPersistentObjectsWithTheirKeysInInputOrder() {
        try (Session s = factory.openSession()) {
            List<KitStuff> made = s.insertAll(KitStuff.class, List.of(
                    java.util.Map.of(KitStuff_.foo, 1, KitStuff_.name, "a"),
                    java.util.Map.of(KitStuff_.foo, 2, KitStuff_.name, "b", KitStuff_.rank, 7),
                    java.util.Map.of(KitStuff_.name, "c")));
            assertEquals(List.of("a", "b", "c"), made.stream().map(KitStuff::getName).toList());
            for (KitStuff o : made) {
                assertNotNull(o.getId());
                assertEquals(ObjectState.PERSISTENT, s.state(o));
                assertSame(o, s.get(KitStuff.class, o.getId()));
            }
            assertEquals(0, made.get(2).getFoo(), "a column left out keeps the field's initial value");
            assertEquals(7, made.get(1).getRank());
            log.clear();
            OrmException e = assertThrows(OrmException.class, () -> s.insertAll(KitStuff.class, List.of(
                    java.util.Map.of(KitStuff_.name, "ok"), java.util.Map.of(KitAccount_.email, "x@y"))));
            assertTrue(e.getMessage().contains("kit_account.email"), e.getMessage());
            assertEquals(List.of(), log.all(), "a bad row is refused before anything is added or written");
            s.commit();
        }
        assertEquals(List.of(1, 2, 0), foosInDatabase());
    }

    @Test
    void upsertInsertsOrUpdatesByItsConflictColumnsAndReturnsTheSessionsInstances() {
        try {
            db.compile(Sql.insertInto(KitStuff_.TABLE).set(KitStuff_.foo, 1).onConflictUpdate(KitStuff_.id));
        } catch (io.athanor.sql.SqlException noUpsert) {
            org.junit.jupiter.api.Assumptions.abort(dialect().name() + " has no upsert: " + noUpsert.getMessage());
        }
        Long existing;
        try (Session s = factory.openSession()) {
            existing = s.insertAll(KitStuff.class, List.of(java.util.Map.of(KitStuff_.foo, 1, KitStuff_.name, "old"))).get(0).getId();
            s.commit();
        }
        try (Session s = factory.openSession()) {
            KitStuff loaded = s.get(KitStuff.class, existing);
            long fresh = existing + 1_000;
            List<KitStuff> out = s.upsert(KitStuff.class, List.of(
                    java.util.Map.of(KitStuff_.id, existing, KitStuff_.foo, 100, KitStuff_.name, "updated"),
                    java.util.Map.of(KitStuff_.id, fresh, KitStuff_.foo, 5, KitStuff_.name, "inserted")), KitStuff_.id);
            assertEquals(2, out.size());
            assertSame(loaded, out.get(0), "a loaded object comes back as the same instance, refreshed");
            assertEquals(100, loaded.getFoo());
            assertEquals("updated", loaded.getName());
            assertFalse(s.isDirty(loaded));
            assertEquals(fresh, out.get(1).getId());
            assertEquals("inserted", out.get(1).getName());
            assertSame(out.get(1), s.get(KitStuff.class, fresh));
            s.commit();
        }
        assertEquals(List.of(100, 5), foosInDatabase());
        try (Session s = factory.openSession()) {
            OrmException e = assertThrows(OrmException.class, () -> s.upsert(KitAccount.class,
                    List.of(java.util.Map.of(KitAccount_.email, "a@b", KitAccount_.balance, 1L)), KitAccount_.email));
            assertTrue(e.getMessage().contains("@Version"), e.getMessage());
            assertThrows(OrmException.class, () -> s.upsert(KitStuff.class, List.of(java.util.Map.of(KitStuff_.foo, 1)),
                    KitStuff_.id), "a row without its conflict column");
        }
    }
}
