package io.athanor.test.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.athanor.orm.ObjectState;
import io.athanor.orm.OrmException;
import io.athanor.orm.Session;
import io.athanor.orm.Synchronize;
import io.athanor.sql.Sql;
import io.athanor.sql.StatementKind;
import io.athanor.sql.spi.Comparability;
import io.athanor.test.kit.entities.KitAccount;
import io.athanor.test.kit.entities.KitAccount_;
import io.athanor.test.kit.entities.KitStuff;
import io.athanor.test.kit.entities.KitStuff_;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Bulk update and delete with each synchronize mode on one dialect (docs/synchronize.md): the
 * objects in memory, the rows in the database, the statements emitted (FETCH, with few objects
 * loaded, asks only for their keys: in the statement on PostgreSQL, by a SELECT first elsewhere;
 * see {@code FetchForms} and docs/synchronize.md), and the matched-row
 * count returned. Ten rows (foo = 0..9, name = n0..n9) are loaded in {@link #s} before each test.
 */
public abstract class BulkSuite extends OrmKitSuite {
    /** The session holding {@link #loaded}. */
    protected Session s;
    /** The ten objects, by id. */
    protected List<KitStuff> loaded;

    @Override
    protected void prepare() {
        super.prepare();
        seedStuff(10);
        s = factory.openSession();
        loaded = s.query(KitStuff.class).orderBy(KitStuff_.id.asc()).list();
    }

    @Override
    protected void finish() {
        if (s != null) {
            s.close();
        }
        super.finish();
    }

    /** EVALUATE on integer criteria needs the dialect to vouch for integer comparisons and arithmetic. */
    private void assumeIntegersEvaluate() {
        Assumptions.assumeTrue(dialect().comparability(Integer.class) == Comparability.ORDERED
                && dialect().arithmeticMatchesJava(Integer.class), dialect().name() + " does not vouch for integers");
    }

    /** With few objects loaded, FETCH asks only for their keys: in the statement where it can (PostgreSQL). */
    private boolean restrictedInOneStatement(StatementKind kind) {
        return dialect().supportsReturning(kind) && dialect().supportsReturningInWith();
    }

    /** The statements a FETCH of that kind must emit on this dialect, with the ten objects loaded. */
    private List<String> fetchKinds(StatementKind kind) {
        return restrictedInOneStatement(kind) ? List.of(kind.name()) : List.of("SELECT", kind.name());
    }

    private void assertFetchedWith(StatementKind kind) {
        assertEquals(fetchKinds(kind), log.kinds(), log.all().toString());
        String last = log.all().get(log.all().size() - 1).sql();
        assertEquals(restrictedInOneStatement(kind), last.contains("RETURNING"), last);
        assertTrue(log.all().get(0).sql().contains(" IN (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"), "only the ten loaded keys: " + log.all());
    }

    @Test
    void noneRunsOneUpdateAndLeavesLoadedObjectsStaleUntilCommit() {
        long n = s.query(KitStuff.class).where(KitStuff_.foo.lt(5)).update(Map.of(KitStuff_.foo, KitStuff_.foo.plus(1)), Synchronize.NONE);
        assertEquals(5, n);
        assertEquals(List.of("UPDATE"), log.kinds());
        assertEquals(0, loaded.get(0).getFoo(), "stale until expired, refreshed or committed");
        assertFalse(s.isDirty(loaded.get(0)));
        s.commit();
        assertEquals(1, loaded.get(0).getFoo(), "commit expired it; the read reloads");
        assertEquals(List.of(1, 2, 3, 4, 5, 5, 6, 7, 8, 9), foosInDatabase());
    }

    @Test
    void noneDeleteLeavesBulkDeletedObjectsLookingPersistent() {
        assertEquals(3, s.query(KitStuff.class).where(KitStuff_.foo.ge(7)).delete(Synchronize.NONE));
        assertEquals(List.of("DELETE"), log.kinds());
        assertEquals(ObjectState.PERSISTENT, s.state(loaded.get(9)));
        assertSame(loaded.get(9), s.get(KitStuff.class, loaded.get(9).getId()));
    }

    @Test
    void evaluateRunsExactlyOneUpdateAndAppliesSetValuesInJava() {
        assumeIntegersEvaluate();
        long n = s.query(KitStuff.class).where(KitStuff_.foo.lt(5)).update(
                Map.of(KitStuff_.foo, KitStuff_.foo.plus(10), KitStuff_.name, "x"), Synchronize.EVALUATE);
        assertEquals(5, n);
        assertEquals(List.of("UPDATE"), log.kinds());
        for (int i = 0; i < 10; i++) {
            KitStuff o = loaded.get(i);
            assertEquals(i < 5 ? i + 10 : i, o.getFoo());
            assertEquals(i < 5 ? "x" : "n" + i, o.getName());
            assertFalse(s.isDirty(o), "applied as committed state, not a change");
        }
        s.flush();
        assertEquals(1, log.all().size(), "reading the values and flushing issued no SQL: " + log.all());
        s.commit();
        assertEquals(List.of(10, 11, 12, 13, 14, 5, 6, 7, 8, 9), foosInDatabase());
    }

    @Test
    void evaluateFollowsSqlNullLogic() {
        assumeIntegersEvaluate();
        s.query(KitStuff.class).update(Map.of(KitStuff_.rank, KitStuff_.foo), Synchronize.EVALUATE);
        s.query(KitStuff.class).where(KitStuff_.foo.eq(3)).update(Map.of(KitStuff_.rank, Sql.value(Integer.class, null)),
                Synchronize.EVALUATE);
        assertNull(loaded.get(3).getRank());
        // NOT (rank = 1) is UNKNOWN for the NULL rank: that row must not match, in SQL or in Java
        long n = s.query(KitStuff.class).where(Sql.not(KitStuff_.rank.eq(1))).update(Map.of(KitStuff_.foo, -1), Synchronize.EVALUATE);
        assertEquals(8, n);
        assertEquals(List.of(-1, 1, -1, 3, -1), loaded.subList(0, 5).stream().map(KitStuff::getFoo).toList());
        s.commit();
        assertEquals(List.of(-1, 1, -1, 3, -1, -1, -1, -1, -1, -1), foosInDatabase());
    }

    @Test
    void evaluateOnUnevaluableCriteriaFailsBeforeAnySqlEvenTheAutoflush() {
        loaded.get(0).setFoo(100);
        OrmException e = assertThrows(OrmException.class, () -> s.query(KitStuff.class).where(Sql.function("lower", String.class, KitStuff_.name).eq("n1"))
                .update(Map.of(KitStuff_.foo, 1), Synchronize.EVALUATE));
        // the refusal names the construct: the function, or the string comparison where strings are not vouched for
        assertTrue(e.getMessage().contains("lower(kit_stuff.name)") && e.getMessage().contains("FETCH"), e.getMessage());
        assertEquals(List.of(), log.all());
        assertTrue(s.isDirty(loaded.get(0)));
    }

    @Test
    void aSetValueTheEvaluatorCannotComputeIsExpiredAndReloadsOnAccess() {
        assumeIntegersEvaluate();
        s.query(KitStuff.class).where(KitStuff_.foo.lt(2)).update(
                Map.of(KitStuff_.name, Sql.function("upper", String.class, KitStuff_.name)), Synchronize.EVALUATE);
        log.clear();
        assertEquals("N0", loaded.get(0).getName());
        assertEquals(List.of("SELECT"), log.kinds(), "one SELECT reloaded the expired attribute");
        assertEquals("n5", loaded.get(5).getName(), "unmatched objects keep their values");
        assertEquals(1, log.all().size());
    }

    @Test
    void anUnflushedChangeToASetAttributeIsExpiredSoTheDatabaseWins() {
        try (Session manual = newFactory(b -> b.autoflush(false)).openSession()) {
            KitStuff o = manual.query(KitStuff.class).where(KitStuff_.foo.eq(1)).one();
            o.setFoo(100);
            o.setName("kept");
            manual.query(KitStuff.class).where(KitStuff_.id.eq(o.getId())).update(Map.of(KitStuff_.foo, KitStuff_.foo.plus(1)));
            assertEquals(2, o.getFoo(), "the database's value, reloaded");
            assertEquals("kept", o.getName(), "an unflushed change the statement does not set stays");
            assertTrue(manual.isDirty(o));
        }
    }

    @Test
    void evaluateDeleteMarksMatchesDeletedAndRollbackRestoresThem() {
        assumeIntegersEvaluate();
        assertEquals(2, s.query(KitStuff.class).where(KitStuff_.foo.ge(8)).delete(Synchronize.EVALUATE));
        assertEquals(List.of("DELETE"), log.kinds());
        assertEquals(ObjectState.DELETED, s.state(loaded.get(8)));
        assertNull(s.get(KitStuff.class, loaded.get(8).getId()));
        assertEquals(ObjectState.PERSISTENT, s.state(loaded.get(7)));
        s.rollback();
        assertEquals(ObjectState.PERSISTENT, s.state(loaded.get(8)));
        assertSame(loaded.get(8), s.get(KitStuff.class, loaded.get(8).getId()));
        assertEquals(8, loaded.get(8).getFoo());
        assertEquals(10, foosInDatabase().size());
    }

    @Test
    void evaluateDeletedMatchesAreDetachedOnCommit() {
        assumeIntegersEvaluate();
        s.query(KitStuff.class).where(KitStuff_.foo.ge(8)).delete(Synchronize.EVALUATE);
        s.commit();
        assertEquals(ObjectState.DETACHED, s.state(loaded.get(8)));
        assertEquals(8, foosInDatabase().size());
    }

    @Test
    void fetchUpdateUsesReturningOrSelectsTheKeysFirst() {
        long n = s.query(KitStuff.class).where(KitStuff_.name.like("n1%")).update(
                Map.of(KitStuff_.foo, KitStuff_.foo.times(3)), Synchronize.FETCH);
        assertEquals(1, n);
        assertFetchedWith(StatementKind.UPDATE);
        log.clear();
        assertEquals(3, loaded.get(1).getFoo());
        assertEquals(2, loaded.get(2).getFoo());
        assertEquals(List.of(), log.all(), "the fetched values are in memory");
    }

    @Test
    void fetchDeleteUsesReturningOrSelectsTheKeysFirstAndMarksMatchesDeleted() {
        assertEquals(2, s.query(KitStuff.class).where(KitStuff_.name.like("n_")).where(KitStuff_.foo.ge(8)).delete(Synchronize.FETCH));
        assertFetchedWith(StatementKind.DELETE);
        assertEquals(ObjectState.DELETED, s.state(loaded.get(9)));
        assertEquals(ObjectState.PERSISTENT, s.state(loaded.get(7)));
    }

    @Test
    void autoEvaluatesWhenItCanAndFetchesOtherwise() {
        assumeIntegersEvaluate();
        s.query(KitStuff.class).where(KitStuff_.foo.eq(1)).update(Map.of(KitStuff_.foo, 11));
        assertEquals(List.of("UPDATE"), log.kinds(), "evaluable: no RETURNING, no SELECT");
        assertFalse(log.all().get(0).sql().contains("RETURNING"));
        assertEquals(11, loaded.get(1).getFoo());
        log.clear();
        s.query(KitStuff.class).where(Sql.function("lower", String.class, KitStuff_.name).eq("n2")).update(Map.of(KitStuff_.foo, 22));
        assertFetchedWith(StatementKind.UPDATE);
        assertEquals(22, loaded.get(2).getFoo());
        s.query(KitStuff.class).where(Sql.function("lower", String.class, KitStuff_.name).eq("n3")).delete();
        assertEquals(ObjectState.DELETED, s.state(loaded.get(3)));
    }

    @Test
    void theReturnValueIsTheMatchedRowCountInEveryMode() {
        assumeIntegersEvaluate();
        for (Synchronize mode : Synchronize.values()) {
            assertEquals(4, s.query(KitStuff.class).where(KitStuff_.foo.between(2, 5)).update(Map.of(KitStuff_.name, "x"), mode),
                    mode.name());
        }
        assertEquals(0, s.query(KitStuff.class).where(KitStuff_.foo.gt(100)).delete(Synchronize.FETCH));
        assertEquals(0, s.query(KitStuff.class).where(KitStuff_.foo.gt(100)).update(Map.of(KitStuff_.foo, 1), Synchronize.FETCH));
    }

    @Test
    void aVersionedEntitysVersionIsBumpedAndSynchronized() {
        KitAccount a = new KitAccount("a@example.com", 10);
        s.add(a);
        s.commit();
        assertEquals(0, a.getVersion());
        s.query(KitAccount.class).where(KitAccount_.balance.lt(100L)).update(Map.of(KitAccount_.balance, KitAccount_.balance.plus(5L)));
        assertEquals(15, a.getBalance());
        assertEquals(1, a.getVersion());
        a.setBalance(16);
        s.commit(); // the optimistic check uses the synchronized version 1: no conflict
        assertEquals(List.of(2), db.query(Sql.select(KitAccount_.version).from(KitAccount_.TABLE), r -> r.get(KitAccount_.version)));
    }

    /**
     * updateReturning: one UPDATE ... RETURNING (or, without it, SELECT keys, UPDATE, SELECT rows),
     * and the result is the session's instances holding the database's values, loaded or not before.
     */
    @Test
    void updateReturningGivesTheSessionsInstancesHoldingTheDatabasesNewValues() {
        s.commit(); // expire everything, then load only some: the others must come back loaded
        KitStuff two = s.query(KitStuff.class).where(KitStuff_.foo.eq(2)).one();
        two.getName();
        log.clear();
        List<KitStuff> updated = s.query(KitStuff.class).where(KitStuff_.foo.lt(4))
                .updateReturning(Map.of(KitStuff_.foo, KitStuff_.foo.times(10), KitStuff_.name, KitStuff_.name.concat("!")));
        assertEquals(dialect().supportsReturning(StatementKind.UPDATE) ? List.of("UPDATE") : List.of("SELECT", "UPDATE", "SELECT"),
                log.kinds(), log.all().toString());
        assertEquals(4, updated.size());
        List<Integer> foos = updated.stream().map(KitStuff::getFoo).sorted().toList();
        assertEquals(List.of(0, 10, 20, 30), foos, "SQL-computed values in memory");
        assertTrue(updated.stream().anyMatch(o -> o == two), "a loaded object comes back as the same instance");
        assertEquals(20, two.getFoo());
        assertEquals("n2!", two.getName());
        for (KitStuff o : updated) {
            assertTrue(s.contains(o));
            assertFalse(s.isDirty(o), "the new values are committed state, not changes");
            assertSame(o, s.get(KitStuff.class, o.getId()));
        }
        log.clear();
        updated.forEach(KitStuff::getName);
        assertEquals(List.of(), log.all(), "everything returned is loaded: no lazy load");
        s.commit();
        assertEquals(List.of(0, 10, 20, 30, 4, 5, 6, 7, 8, 9), foosInDatabase());
    }
}
