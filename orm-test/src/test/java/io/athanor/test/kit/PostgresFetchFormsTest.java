package io.athanor.test.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.athanor.orm.Session;
import io.athanor.orm.Synchronize;
import io.athanor.sql.Sql;
import io.athanor.sql.Transaction;
import io.athanor.test.kit.entities.KitStuff;
import io.athanor.test.kit.entities.KitStuff_;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The kit's {@link FetchFormsSuite} on PostgreSQL (skipped when the server does not answer), and each
 * form under a concurrent writer at READ COMMITTED: another transaction has changed loaded rows, one
 * to stop matching and one to start, and commits while the bulk UPDATE waits for its row locks.
 * Whatever PostgreSQL then decides for each row, an object is synchronized exactly when its row was
 * changed by the bulk UPDATE, and the count is the rows it changed.
 */
class PostgresFetchFormsTest extends FetchFormsSuite {
    @Override
    protected KitTarget target() {
        return KitTargets.postgresql();
    }

    @ParameterizedTest(name = "all rows loaded: {0}")
    @ValueSource(booleans = {false, true})
    void eachFormSynchronizesExactlyTheRowsItChangedUnderAConcurrentWriter(boolean loadAll) throws Exception {
        try (Session s = factory.openSession()) {
            List<KitStuff> ten = s.query(KitStuff.class).where(KitStuff_.id.le(10L)).list(); // foo = id - 1
            if (loadAll) {
                assertTrue(s.query(KitStuff.class).list().size() > 2_000);
            }
            Transaction other = db.beginWriting();
            other.execute(Sql.update(KitStuff_.TABLE).set(KitStuff_.foo, 100).where(KitStuff_.id.eq(3L))); // stops matching
            other.execute(Sql.update(KitStuff_.TABLE).set(KitStuff_.foo, 3).where(KitStuff_.id.eq(8L))); // starts matching
            CompletableFuture<Long> bulk = CompletableFuture.supplyAsync(() -> s.query(KitStuff.class)
                    .where(KitStuff_.foo.lt(5)).update(Map.of(KitStuff_.name, "bulk"), Synchronize.FETCH));
            awaitLockWait(other);
            other.commit();
            long count = bulk.get(30, TimeUnit.SECONDS);
            Map<Long, String> names = new HashMap<>();
            s.select(Sql.select(KitStuff_.id, KitStuff_.name).from(KitStuff_.TABLE).where(KitStuff_.id.le(10L)),
                    r -> names.put(r.<Long>get(0), r.<String>get(1)));
            for (KitStuff o : ten) {
                assertEquals(names.get(o.getId()), o.getName(), "object " + o.getId() + ": synchronized exactly when its row changed");
            }
            assertEquals(4, count, "rows 1, 2, 4, 5: row 3 stopped matching (re-checked after the lock), row 8 matched only"
                    + " after the statement's snapshot");
            assertEquals(names.values().stream().filter("bulk"::equals).count(), count, "the count is the rows changed");
            assertEquals("n2", names.get(3L));
            assertEquals("n7", names.get(8L));
            s.commit();
        }
    }

    /** Waits until some backend waits for a lock (the bulk UPDATE, blocked by {@code other}'s row locks). */
    private static void awaitLockWait(Transaction other) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            try (PreparedStatement ps = other.connection().prepareStatement(
                    "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getInt(1) > 0) {
                    return;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the bulk UPDATE never waited for the concurrent writer's row locks");
    }
}
