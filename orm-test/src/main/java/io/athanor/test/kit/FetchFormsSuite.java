package io.athanor.test.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.athanor.orm.ObjectState;
import io.athanor.orm.Query;
import io.athanor.orm.Session;
import io.athanor.orm.Synchronize;
import io.athanor.sql.Column;
import io.athanor.sql.Expression;
import io.athanor.sql.Sql;
import io.athanor.test.kit.entities.KitStuff;
import io.athanor.test.kit.entities.KitStuff_;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * FETCH's two forms (docs/synchronize.md) leave the session in the same state: a randomized run of
 * bulk updates and deletes (random criteria, SET values Java can and cannot compute, objects partly
 * expired or changed before the statement) each run twice from the same database state, once with a
 * few hundred objects loaded (the restricted form: only their keys are asked for) and once with the
 * same objects plus every other row loaded (past the threshold: every changed key comes back). For
 * each of the few hundred, its state, whether reading it reloads anything (it was expired), and its
 * values must agree, and agree with the database. A failure names the seed; rerun with
 * {@code -Dathanor.seed=<seed>}.
 */
public abstract class FetchFormsSuite extends OrmKitSuite {
    /** The seed of this run: {@code -Dathanor.seed=N}, or a fixed default. */
    protected static final long SEED = Long.getLong("athanor.seed", 90_210L);
    /** More rows than the restricted form's threshold (2,000 loaded objects), so loading all forces RETURNING. */
    private static final int ROWS = 2_400;

    @Override
    protected void prepare() {
        super.prepare();
        seedStuff(ROWS);
    }

    @Test
    void bothFormsOfFetchLeaveTheSessionInTheSameState() {
        Random random = new Random(SEED);
        for (int round = 0; round < 12; round++) {
            long scenario = random.nextLong();
            Map<Long, List<Object>> restricted = run(scenario, false);
            Map<Long, List<Object>> returning = run(scenario, true);
            assertEquals(restricted, returning, "seed " + SEED + ", round " + round);
        }
    }

    /** Loads the scenario's objects (and, with {@code loadAll}, every row), runs its statement, records them, rolls back. */
    private Map<Long, List<Object>> run(long scenario, boolean loadAll) {
        Random random = new Random(scenario);
        Map<Long, List<Object>> out = new LinkedHashMap<>();
        try (Session s = factory.openSession()) {
            TreeSet<Long> ids = new TreeSet<>();
            for (int i = 0, n = 1 + random.nextInt(300); i < n; i++) {
                ids.add(1L + random.nextInt(ROWS));
            }
            List<KitStuff> watched = s.query(KitStuff.class).where(KitStuff_.id.in(ids)).list();
            if (loadAll) {
                List<KitStuff> all = s.query(KitStuff.class).list();
                assertTrue(all.size() > 2_000, "past the threshold");
            }
            for (KitStuff o : watched) {
                switch (random.nextInt(6)) {
                    case 0 -> s.expire(o);
                    case 1 -> s.expire(o, KitStuff_.foo);
                    case 2 -> o.setRank(random.nextInt(5)); // flushed by the autoflush before the statement
                    default -> { }
                }
            }
            Query<KitStuff> q = s.query(KitStuff.class);
            Expression<Boolean> where = criteria(random);
            if (where != null) {
                q = q.where(where);
            }
            long count = random.nextInt(3) == 0 ? q.delete(Synchronize.FETCH) : q.update(set(random), Synchronize.FETCH);
            out.put(-1L, List.of(count));
            Map<Long, List<Object>> rows = new HashMap<>();
            s.select(Sql.select(KitStuff_.id, KitStuff_.foo, KitStuff_.name, KitStuff_.rank).from(KitStuff_.TABLE)
                    .where(KitStuff_.id.in(ids)), r -> rows.put(r.<Long>get(0), java.util.Arrays.asList(
                            r.<Integer>get(1), r.<String>get(2), r.<Integer>get(3))));
            for (KitStuff o : watched) {
                out.put(o.getId(), observe(s, o, rows));
            }
            s.rollback();
        }
        return out;
    }

    /** The object's state, whether reading it ran SQL (it was expired), and its values, which must be the database's. */
    private List<Object> observe(Session s, KitStuff o, Map<Long, List<Object>> rows) {
        ObjectState state = s.state(o);
        if (state != ObjectState.PERSISTENT) {
            assertTrue(!rows.containsKey(o.getId()), "seed " + SEED + ": " + o.getId() + " is " + state + " but its row exists");
            return List.of(state);
        }
        log.clear();
        List<Object> values = java.util.Arrays.asList(o.getFoo(), o.getName(), o.getRank());
        boolean reloaded = !log.all().isEmpty();
        assertEquals(rows.get(o.getId()), values, "seed " + SEED + ": object " + o.getId() + " disagrees with its row");
        return List.of(state, reloaded, values);
    }

    private static Expression<Boolean> criteria(Random random) {
        int a = random.nextInt(ROWS);
        int b = a + random.nextInt(ROWS / 2);
        return switch (random.nextInt(5)) {
            case 0 -> null;
            case 1 -> KitStuff_.foo.between(a, b);
            case 2 -> Sql.and(KitStuff_.foo.ge(a), KitStuff_.name.like("n1%"));
            case 3 -> Sql.function("lower", String.class, KitStuff_.name).like("n" + random.nextInt(10) + "%");
            default -> KitStuff_.foo.lt(b);
        };
    }

    private static Map<Column<?>, Object> set(Random random) {
        Map<Column<?>, Object> set = new HashMap<>();
        switch (random.nextInt(3)) {
            case 0 -> set.put(KitStuff_.foo, KitStuff_.foo.plus(random.nextInt(100)));
            case 1 -> set.put(KitStuff_.name, Sql.function("upper", String.class, KitStuff_.name)); // expired on matches
            default -> {
                set.put(KitStuff_.rank, random.nextInt(9));
                set.put(KitStuff_.foo, -1);
            }
        }
        return set;
    }
}
