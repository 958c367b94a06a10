package io.athanor.orm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.athanor.orm.OrmFixture.Executed;
import io.athanor.orm.model.Account;
import io.athanor.orm.model.Account_;
import io.athanor.orm.model.Stuff;
import io.athanor.orm.model.Stuff_;
import io.athanor.sql.Sql;
import io.athanor.sql.StatementKind;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bulk update/delete synchronization, one test per mode and rule of docs/synchronize.md ("The
 * modes and the SQL each emits", "Rules that hold in every mode that synchronizes"): in-memory
 * values, database values, the statements emitted and the object states.
 */
class BulkSynchronizeTest {
    @TempDir
    Path dir;
    OrmFixture orm;
    Session s;
    List<Stuff> loaded;

    @BeforeEach
    void open() {
        orm = new OrmFixture(dir);
        orm.seedStuff(10); // foo = 0..9, name = n0..n9
        s = orm.factory.openSession();
        loaded = s.query(Stuff.class).orderBy(Stuff_.id.asc()).list();
        orm.reset();
    }

    @AfterEach
    void close() {
        s.close();
        orm.close();
    }

    private List<Integer> foosInDatabase() {
        return orm.database.query(Sql.select(Stuff_.foo).from(Stuff_.TABLE).orderBy(Stuff_.id.asc()), r -> r.get(Stuff_.foo));
    }

    private List<String> sqlKinds() {
        return orm.statements.stream().map(e -> e.kind().name()).toList();
    }

    private void commitOutsideTheTest() {
        s.commit();
    }

    // --- NONE ------------------------------------------------------------------------------------

    @Test
    void noneRunsOneUpdateAndLeavesLoadedObjectsStale() {
        long n = s.query(Stuff.class).where(Stuff_.foo.lt(5)).update(Map.of(Stuff_.foo, Stuff_.foo.plus(1)), Synchronize.NONE);
        assertEquals(5, n);
        assertEquals(List.of("UPDATE"), sqlKinds());
        assertEquals(0, loaded.get(0).getFoo(), "stale until expired, refreshed or committed");
        assertFalse(s.isDirty(loaded.get(0)));
        commitOutsideTheTest();
        assertEquals(1, loaded.get(0).getFoo(), "commit expired it; the read reloads");
        assertEquals(List.of(1, 2, 3, 4, 5, 5, 6, 7, 8, 9), foosInDatabase());
    }

    @Test
    void noneDeleteLeavesBulkDeletedObjectsLookingPersistent() {
        assertEquals(3, s.query(Stuff.class).where(Stuff_.foo.ge(7)).delete(Synchronize.NONE));
        assertEquals(List.of("DELETE"), sqlKinds());
        assertEquals(ObjectState.PERSISTENT, s.state(loaded.get(9)));
        assertSame(loaded.get(9), s.get(Stuff.class, loaded.get(9).getId()), "still in the identity map");
    }

    // --- EVALUATE --------------------------------------------------------------------------------

    @Test
    void evaluateRunsExactlyOneUpdateAndNoSelectAndAppliesSetValuesInJava() {
        long n = s.query(Stuff.class).where(Stuff_.foo.lt(5)).update(
                Map.of(Stuff_.foo, Stuff_.foo.plus(10), Stuff_.name, Stuff_.name.concat("!")), Synchronize.EVALUATE);
        assertEquals(5, n);
        assertEquals(List.of("UPDATE"), sqlKinds());
        for (int i = 0; i < 10; i++) {
            Stuff o = loaded.get(i);
            assertEquals(i < 5 ? i + 10 : i, o.getFoo());
            assertEquals(i < 5 ? "n" + i + "!" : "n" + i, o.getName());
            assertFalse(s.isDirty(o), "applied as committed state, not a change");
        }
        assertEquals(1, orm.statements.size(), "reading the synchronized values issued no SQL");
        s.flush();
        assertEquals(1, orm.statements.size(), "and the flush has nothing to write");
        commitOutsideTheTest();
        assertEquals(List.of(10, 11, 12, 13, 14, 5, 6, 7, 8, 9), foosInDatabase());
    }

    @Test
    void evaluateWithoutCriteriaMatchesEveryLoadedObject() {
        assertEquals(10, s.query(Stuff.class).update(Map.of(Stuff_.foo, 0), Synchronize.EVALUATE));
        assertTrue(loaded.stream().allMatch(o -> o.getFoo() == 0));
        assertEquals(1, orm.statements.size());
    }

    @Test
    void evaluateFollowsSqlNullLogic() {
        s.query(Stuff.class).where(Stuff_.foo.eq(3)).update(Map.of(Stuff_.name, Sql.value(String.class, null)), Synchronize.EVALUATE);
        assertNull(loaded.get(3).getName());
        // NOT (name = 'n1') is UNKNOWN for the NULL name: that row must not match, in SQL or in Java
        long n = s.query(Stuff.class).where(Sql.not(Stuff_.name.eq("n1"))).update(Map.of(Stuff_.foo, -1), Synchronize.EVALUATE);
        assertEquals(8, n);
        assertEquals(3, loaded.get(3).getFoo());
        assertEquals(1, loaded.get(1).getFoo());
        assertEquals(-1, loaded.get(0).getFoo());
    }

    @Test
    void evaluateOnUnevaluableCriteriaFailsBeforeAnySqlNamingTheConstruct() {
        loaded.get(0).setFoo(100); // unflushed: even the autoflush must not run
        OrmException e = assertThrows(OrmException.class, () -> s.query(Stuff.class).where(Sql.function("lower", String.class, Stuff_.name).eq("n1"))
                .update(Map.of(Stuff_.foo, 1), Synchronize.EVALUATE));
        assertTrue(e.getMessage().contains("function lower") && e.getMessage().contains("FETCH"), e.getMessage());
        assertEquals(List.of(), orm.statements);
        assertTrue(s.isDirty(loaded.get(0)));
    }

    @Test
    void aSetValueTheEvaluatorCannotComputeIsExpiredAndReloadsOnAccess() {
        s.query(Stuff.class).where(Stuff_.foo.lt(2)).update(
                Map.of(Stuff_.name, Sql.function("upper", String.class, Stuff_.name)), Synchronize.EVALUATE);
        orm.reset();
        assertEquals("N0", loaded.get(0).getName());
        assertEquals(1, orm.of(StatementKind.SELECT).size(), "one SELECT reloaded the expired attribute");
        assertEquals("n5", loaded.get(5).getName(), "unmatched objects keep their values");
        assertEquals(1, orm.statements.size());
    }

    @Test
    void anUnflushedChangeToASetAttributeIsExpiredSoTheDatabaseWins() throws Exception {
        s.close();
        orm.close();
        orm = new OrmFixture(java.nio.file.Files.createDirectory(dir.resolve("noautoflush")), b -> b.autoflush(false));
        orm.seedStuff(3);
        s = orm.factory.openSession();
        Stuff o = s.query(Stuff.class).where(Stuff_.foo.eq(1)).one();
        o.setFoo(100);
        o.setName("kept");
        s.query(Stuff.class).where(Stuff_.id.eq(o.getId())).update(Map.of(Stuff_.foo, Stuff_.foo.plus(1)), Synchronize.EVALUATE);
        assertEquals(2, o.getFoo(), "the database's value, reloaded");
        assertEquals("kept", o.getName(), "an unflushed change the statement does not set stays");
        assertTrue(s.isDirty(o));
    }

    @Test
    void aFullyExpiredObjectIsSkippedAndReloadsOnAccess() {
        s.expire(loaded.get(2));
        s.query(Stuff.class).where(Stuff_.foo.eq(2)).update(Map.of(Stuff_.foo, 20), Synchronize.EVALUATE);
        orm.reset();
        assertEquals(20, loaded.get(2).getFoo());
        assertEquals(1, orm.of(StatementKind.SELECT).size());
    }

    @Test
    void anObjectWhoseCriteriaAttributesAreExpiredIsExpiredRatherThanGuessed() {
        // an unevaluable SET expires only name on the matched objects
        s.query(Stuff.class).where(Stuff_.foo.lt(2)).update(
                Map.of(Stuff_.name, Sql.function("upper", String.class, Stuff_.name)), Synchronize.EVALUATE);
        // criteria on name cannot be evaluated for those two without loading: they are expired whole
        s.query(Stuff.class).where(Stuff_.name.eq("N0")).update(Map.of(Stuff_.foo, 50), Synchronize.EVALUATE);
        orm.reset();
        assertEquals(50, loaded.get(0).getFoo(), "reloaded from the database");
        assertEquals(1, loaded.get(1).getFoo());
        assertEquals(2, orm.of(StatementKind.SELECT).size(), "each expired object reloaded once");
        assertEquals(2, loaded.get(2).getFoo());
    }

    @Test
    void evaluateDeleteMarksMatchesDeletedOutOfTheIdentityMapDetachedOnCommit() {
        assertEquals(2, s.query(Stuff.class).where(Stuff_.foo.ge(8)).delete(Synchronize.EVALUATE));
        assertEquals(List.of("DELETE"), sqlKinds());
        assertEquals(ObjectState.DELETED, s.state(loaded.get(8)));
        assertNull(s.get(Stuff.class, loaded.get(8).getId()));
        assertEquals(ObjectState.PERSISTENT, s.state(loaded.get(7)));
        commitOutsideTheTest();
        assertEquals(ObjectState.DETACHED, s.state(loaded.get(8)));
        assertEquals(8, foosInDatabase().size());
    }

    @Test
    void bulkDeletedObjectsComeBackOnRollback() {
        s.query(Stuff.class).where(Stuff_.foo.ge(8)).delete(Synchronize.EVALUATE);
        s.rollback();
        assertEquals(ObjectState.PERSISTENT, s.state(loaded.get(8)));
        assertSame(loaded.get(8), s.get(Stuff.class, loaded.get(8).getId()));
        assertEquals(8, loaded.get(8).getFoo());
        assertEquals(10, foosInDatabase().size());
    }

    // --- FETCH -----------------------------------------------------------------------------------

    @Test
    void fetchWithFewObjectsLoadedSelectsOnlyTheirKeysThenUpdates() {
        long n = s.query(Stuff.class).where(Stuff_.name.like("n1%")).update(Map.of(Stuff_.foo, Stuff_.foo.times(3)), Synchronize.FETCH);
        assertEquals(1, n);
        List<Executed> all = List.copyOf(orm.statements);
        assertEquals(2, all.size(), all.toString());
        assertEquals("SELECT \"id\" FROM \"stuff\" WHERE \"name\" LIKE ? AND \"id\" IN (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", all.get(0).sql());
        assertTrue(all.get(1).sql().startsWith("UPDATE") && !all.get(1).sql().contains("RETURNING"), all.toString());
        assertEquals(3, loaded.get(1).getFoo());
        assertEquals(2, loaded.get(2).getFoo());
        assertEquals(2, orm.statements.size());
    }

    @Test
    void fetchWithMoreThanTwoThousandObjectsLoadedUsesReturning() {
        List<Map<io.athanor.sql.Column<?>, Object>> rows = new java.util.ArrayList<>();
        for (int i = 0; i < 1_991; i++) {
            rows.add(Map.of(Stuff_.foo, 100 + i, Stuff_.name, "m" + i));
        }
        List<Stuff> more = s.insertAll(Stuff.class, rows); // 2,001 objects of Stuff in the session now
        orm.reset();
        long n = s.query(Stuff.class).where(Stuff_.name.like("n1%")).update(Map.of(Stuff_.foo, Stuff_.foo.times(3)), Synchronize.FETCH);
        assertEquals(1, n);
        List<Executed> all = List.copyOf(orm.statements);
        assertEquals(1, all.size(), all.toString());
        assertTrue(all.get(0).sql().startsWith("UPDATE") && all.get(0).sql().endsWith("RETURNING \"id\""), all.toString());
        assertEquals(3, loaded.get(1).getFoo());
        assertEquals(100, more.get(0).getFoo());
    }

    @Test
    void fetchWithoutReturningSelectsTheKeysFirst() throws Exception {
        s.close();
        orm.close();
        var noReturning = new io.athanor.sql.dialect.SqliteDialect(java.util.EnumSet.of(StatementKind.INSERT));
        Path d = java.nio.file.Files.createDirectory(dir.resolve("noreturning"));
        var db = io.athanor.sql.Database.builder().url("jdbc:sqlite:" + d.resolve("x.db")).dialect(noReturning)
                .listener((sql, kind, rows, values) -> orm.statements.add(new Executed(sql, kind, rows))).build();
        try (SessionFactory sf = SessionFactory.builder().database(db).entities(Stuff.class).build(); Session t = sf.openSession()) {
            sf.createTables();
            for (int i = 0; i < 5; i++) {
                t.add(new Stuff(i, "n" + i));
            }
            t.commit();
            List<Stuff> objects = t.query(Stuff.class).orderBy(Stuff_.foo.asc()).list();
            orm.statements.clear();
            assertEquals(2, t.query(Stuff.class).where(Stuff_.name.like("n%")).where(Stuff_.foo.lt(2))
                    .update(Map.of(Stuff_.foo, Stuff_.foo.minus(10)), Synchronize.FETCH));
            assertEquals(List.of("SELECT", "UPDATE"), orm.statements.stream().map(e -> e.kind().name()).toList());
            assertEquals(-10, objects.get(0).getFoo());
            assertEquals(-9, objects.get(1).getFoo());
            assertEquals(2, objects.get(2).getFoo());
            orm.statements.clear();
            assertEquals(1, t.query(Stuff.class).where(Stuff_.name.like("n4")).delete(Synchronize.FETCH));
            assertEquals(List.of("SELECT", "DELETE"), orm.statements.stream().map(e -> e.kind().name()).toList());
            assertEquals(ObjectState.DELETED, t.state(objects.get(4)));
        } finally {
            db.close();
            orm = new OrmFixture(java.nio.file.Files.createDirectory(dir.resolve("again")));
            s = orm.factory.openSession();
        }
    }

    @Test
    void fetchDeleteMarksMatchesDeleted() {
        assertEquals(2, s.query(Stuff.class).where(Stuff_.name.like("n_")).where(Stuff_.foo.ge(8)).delete(Synchronize.FETCH));
        assertEquals(2, orm.statements.size(), "the loaded keys that match, then the DELETE");
        assertTrue(orm.statements.get(0).sql().contains("\"id\" IN ("), orm.statements.toString());
        assertTrue(orm.statements.get(1).sql().startsWith("DELETE"), orm.statements.toString());
        assertEquals(ObjectState.DELETED, s.state(loaded.get(9)));
        assertEquals(ObjectState.PERSISTENT, s.state(loaded.get(7)));
    }

    // --- AUTO ------------------------------------------------------------------------------------

    @Test
    void autoEvaluatesWhenItCanAndFetchesOtherwise() {
        s.query(Stuff.class).where(Stuff_.foo.eq(1)).update(Map.of(Stuff_.foo, 11));
        assertFalse(orm.statements.get(0).sql().contains("RETURNING"), "evaluable: no RETURNING needed");
        assertEquals(11, loaded.get(1).getFoo());
        orm.reset();
        s.query(Stuff.class).where(Sql.function("lower", String.class, Stuff_.name).eq("n2")).update(Map.of(Stuff_.foo, 22));
        assertTrue(orm.statements.get(0).sql().startsWith("SELECT \"id\"") && orm.statements.get(0).sql().contains("IN ("),
                "unevaluable function: FETCH, asking for the loaded keys only");
        assertEquals(22, loaded.get(2).getFoo());
        orm.reset();
        s.query(Stuff.class).where(Sql.function("lower", String.class, Stuff_.name).eq("n3")).delete();
        assertEquals(ObjectState.DELETED, s.state(loaded.get(3)));
    }

    // --- rules common to every mode --------------------------------------------------------------

    @Test
    void theReturnValueIsTheMatchedRowCountInEveryMode() {
        for (Synchronize mode : Synchronize.values()) {
            assertEquals(4, s.query(Stuff.class).where(Stuff_.foo.between(2, 5)).update(Map.of(Stuff_.name, "x"), mode), mode.name());
        }
        assertEquals(0, s.query(Stuff.class).where(Stuff_.foo.gt(100)).delete(Synchronize.FETCH));
    }

    @Test
    void pagingOrOrderingRefusesBulkOperations() {
        assertThrows(OrmException.class, () -> s.query(Stuff.class).limit(3).update(Map.of(Stuff_.foo, 1)));
        assertThrows(OrmException.class, () -> s.query(Stuff.class).offset(3).delete());
        OrmException e = assertThrows(OrmException.class, () -> s.query(Stuff.class).orderBy(Stuff_.foo.asc()).delete());
        assertTrue(e.getMessage().contains("orderBy"), e.getMessage());
        assertEquals(List.of(), orm.statements);
    }

    @Test
    @SuppressWarnings({"rawtypes", "unchecked"})
    public void badSetValuesFailBeforeAnySqlNamingTheColumn() {
        OrmException other = assertThrows(OrmException.class,
                () -> s.query(Stuff.class).update(Map.of(Account_.balance, 1L)));
        assertTrue(other.getMessage().contains("account.balance") && other.getMessage().contains("Stuff"), other.getMessage());
        Map raw = Map.of(Stuff_.foo, "not a number");
        OrmException wrongType = assertThrows(OrmException.class, () -> s.query(Stuff.class).update(raw));
        assertTrue(wrongType.getMessage().contains("stuff.foo") && wrongType.getMessage().contains("java.lang.String"), wrongType.getMessage());
        OrmException key = assertThrows(OrmException.class, () -> s.query(Stuff.class).update(Map.of(Stuff_.id, 5L)));
        assertTrue(key.getMessage().contains("primary key"), key.getMessage());
        assertEquals(List.of(), orm.statements);
    }

    @Test
    void aVersionedEntitysVersionIsBumpedAndSynchronized() {
        Account a = new Account("a@example.com", 10);
        s.add(a);
        s.commit();
        a.getBalance();
        assertEquals(0, a.getVersion());
        s.query(Account.class).where(Account_.balance.lt(100L)).update(Map.of(Account_.balance, Account_.balance.plus(5)));
        assertEquals(15, a.getBalance());
        assertEquals(1, a.getVersion());
        a.setBalance(16);
        s.commit(); // the optimistic check uses the synchronized version 1: no conflict
        assertEquals(List.of(2), orm.database.query(Sql.select(Account_.version).from(Account_.TABLE), r -> r.get(Account_.version)));
    }

    // --- bulkUpdate by primary key ---------------------------------------------------------------

    @Test
    void bulkUpdateBatchesByColumnSetAndSynchronizesLoadedObjects() {
        long n = s.bulkUpdate(Stuff.class, List.of(
                Map.of(Stuff_.id, loaded.get(0).getId(), Stuff_.foo, 100),
                Map.of(Stuff_.id, loaded.get(1).getId(), Stuff_.foo, 101),
                Map.of(Stuff_.id, loaded.get(2).getId(), Stuff_.name, "renamed")));
        assertEquals(3, n);
        List<Executed> updates = orm.of(StatementKind.UPDATE);
        assertEquals(2, updates.size());
        assertEquals(List.of(2, 1), updates.stream().map(Executed::rows).toList());
        assertEquals(100, loaded.get(0).getFoo());
        assertEquals("renamed", loaded.get(2).getName());
        assertFalse(s.isDirty(loaded.get(0)));
        assertEquals(2, orm.statements.size());
        commitOutsideTheTest();
        assertEquals(100, foosInDatabase().get(0));
    }

    @Test
    void bulkUpdateRowWithoutKeyFailsNamingTheRow() {
        OrmException e = assertThrows(OrmException.class, () -> s.bulkUpdate(Stuff.class, List.of(
                Map.of(Stuff_.id, 1L, Stuff_.foo, 1), Map.of(Stuff_.foo, 2))));
        assertTrue(e.getMessage().contains("row 1") && e.getMessage().contains("stuff.id"), e.getMessage());
        assertEquals(List.of(), orm.statements);
    }

    @Test
    void bulkUpdateOfAnUnknownKeyRaisesStaleObjectExceptionAndKeepsNothing() {
        StaleObjectException e = assertThrows(StaleObjectException.class, () -> s.bulkUpdate(Stuff.class, List.of(
                Map.of(Stuff_.id, loaded.get(0).getId(), Stuff_.foo, 100), Map.of(Stuff_.id, 999_999L, Stuff_.foo, 1))));
        assertTrue(e.getMessage().contains("Stuff#999999") && e.getMessage().contains("row 1"), e.getMessage());
        s.rollback();
        assertEquals(0, foosInDatabase().get(0));
    }
}
