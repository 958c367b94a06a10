package io.athanor.test.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.athanor.orm.Session;
import io.athanor.orm.SessionFactory;
import io.athanor.orm.Synchronize;
import io.athanor.sql.Database;
import io.athanor.sql.Sql;
import io.athanor.test.kit.entities.KitStuff;
import io.athanor.test.kit.entities.KitStuff_;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A property test of the promise "commit() never reports success for work the database does not
 * hold": random sequences of session operations (add, change, delete, query, bulk update and
 * delete in every synchronizing mode, flush, commit, rollback) run against a model of what the
 * database should hold, with one JDBC call, chosen at random among all the calls the sequence
 * makes, failing. After any failure the test commits: either the commit raises and the database
 * holds exactly the last committed state, or it succeeds and the database holds exactly what the
 * session was asked to do. Queries must return the model's rows (the autoflush makes them see the
 * session's own work). The seed of a failing case is in the assertion message; rerun one with
 * {@code -Dathanor.seed=N}.
 */
public abstract class FaultSuite extends KitSuite {
    private static final int SCENARIOS = Integer.getInteger("athanor.faultScenarios", 40);
    private static final int STEPS = 24;

    @Test
    void commitNeverReportsSuccessForWorkTheDatabaseDoesNotHold() {
        FaultyDataSource faults = new FaultyDataSource(db.dataSource());
        Database faulty = Database.builder().dataSource(faults.dataSource()).dialect(db.dialect()).build();
        try (SessionFactory sf = SessionFactory.builder().database(faulty).entities(KitStuff.class).build()) {
            sf.createTables();
            long base = Long.getLong("athanor.seed", System.nanoTime());
            int scenarios = Long.getLong("athanor.seed") != null ? 1 : SCENARIOS;
            int faultsReached = 0;
            for (int i = 0; i < scenarios; i++) {
                long seed = base + i;
                faults.failAt(0);
                new Scenario(sf, faults, seed).run();
                long calls = faults.calls();
                long failAt = 1 + new Random(seed ^ 0x5DEECE66DL).nextLong(Math.max(calls, 1));
                faults.failAt(failAt);
                new Scenario(sf, faults, seed).run();
                faultsReached += faults.failedCall() != null ? 1 : 0;
                faults.failAt(0);
            }
            assertTrue(faultsReached >= scenarios / 2, "most scenarios should reach their fault: " + faultsReached);
        } finally {
            faulty.close();
        }
    }

    /** One random sequence of operations against a fresh table, checked against a model. */
    private final class Scenario {
        private final SessionFactory sf;
        private final FaultyDataSource faults;
        private final long seed;
        private final Random random;
        /** name -> foo, as committed. */
        private Map<String, Integer> committed = new TreeMap<>();
        /** name -> foo, as the database will hold it if the session commits now. */
        private Map<String, Integer> working = new TreeMap<>();
        private final List<KitStuff> known = new ArrayList<>();
        /** The name of each object the scenario has seen, read without touching the session. */
        private final Map<KitStuff, String> nameOf = new IdentityHashMap<>();
        private int created;

        Scenario(SessionFactory sf, FaultyDataSource faults, long seed) {
            this.sf = sf;
            this.faults = faults;
            this.seed = seed;
            this.random = new Random(seed);
        }

        void run() {
            db.execute(Sql.deleteFrom(KitStuff_.TABLE));
            try (Session s = sf.openSession()) {
                for (int step = 0; step < STEPS; step++) {
                    String op = null;
                    try {
                        op = step(s);
                        trace(step + " " + op + " -> " + working);
                    } catch (RuntimeException failure) {
                        afterFailure(s, "step " + step + " (" + op + ")", failure);
                    }
                }
                try {
                    commit(s);
                } catch (RuntimeException failure) {
                    afterFailure(s, "final commit", failure);
                }
            }
        }

        private String step(Session s) {
            int choice = random.nextInt(100);
            if (choice < 20) {
                String name = "o" + created++;
                int foo = random.nextInt(50);
                if (random.nextInt(4) == 0) { // insertAll: added and flushed at once
                    KitStuff o = s.insertAll(KitStuff.class, List.of(Map.of(KitStuff_.foo, foo, KitStuff_.name, name))).get(0);
                    known.add(o);
                    nameOf.put(o, name);
                    working.put(name, foo);
                    return "insertAll";
                }
                KitStuff o = new KitStuff(foo, name);
                s.add(o);
                known.add(o);
                nameOf.put(o, name);
                working.put(name, foo);
                return "add";
            } else if (choice < 35) {
                KitStuff o = pick(s);
                if (o != null) {
                    int foo = 1000 + random.nextInt(50); // never equal to a value the object may hold
                    o.setFoo(foo);
                    working.put(nameOf.get(o), foo);
                }
                return "change";
            } else if (choice < 42) {
                KitStuff o = pick(s);
                if (o != null) {
                    working.remove(nameOf.get(o));
                    s.delete(o);
                }
                return "delete";
            } else if (choice < 55) {
                List<KitStuff> rows = s.query(KitStuff.class).list();
                Map<String, Integer> seen = new TreeMap<>();
                rows.forEach(r -> seen.put(r.getName(), r.getFoo()));
                assertEquals(working, seen, "seed " + seed + ": a query must return the session's view");
                known.clear();
                known.addAll(rows);
                rows.forEach(r -> nameOf.put(r, r.getName()));
                return "query";
            } else if (choice < 67) {
                int below = random.nextInt(60);
                if (random.nextInt(4) == 0) { // updateReturning: the returned objects must hold the new values
                    List<KitStuff> returned = s.query(KitStuff.class).where(KitStuff_.foo.lt(below))
                            .updateReturning(Map.of(KitStuff_.foo, KitStuff_.foo.plus(1)));
                    long matched = working.values().stream().filter(f -> f < below).count();
                    working.replaceAll((k, f) -> f < below ? f + 1 : f);
                    assertEquals(matched, returned.size(), "seed " + seed + ": updateReturning returns every matched row");
                    Map<String, Integer> got = new TreeMap<>();
                    returned.forEach(r -> got.put(r.getName(), r.getFoo()));
                    Map<String, Integer> expected = new TreeMap<>(working);
                    expected.keySet().retainAll(got.keySet());
                    assertEquals(expected, got, "seed " + seed + ": updateReturning's objects hold the new values");
                    return "updateReturning";
                }
                Synchronize mode = modes()[random.nextInt(3)];
                long n = s.query(KitStuff.class).where(KitStuff_.foo.lt(below))
                        .update(Map.of(KitStuff_.foo, KitStuff_.foo.plus(1)), mode);
                long expected = working.values().stream().filter(f -> f < below).count();
                working.replaceAll((k, f) -> f < below ? f + 1 : f);
                assertEquals(expected, n, "seed " + seed + ": matched rows of a bulk update");
                return "bulk update " + mode;
            } else if (choice < 74) {
                int above = 30 + random.nextInt(30);
                Synchronize mode = modes()[random.nextInt(3)];
                s.query(KitStuff.class).where(KitStuff_.foo.gt(above)).delete(mode);
                working.values().removeIf(f -> f > above);
                return "bulk delete " + mode;
            } else if (choice < 82) {
                s.flush();
                return "flush";
            } else if (choice < 94) {
                commit(s);
                return "commit";
            } else {
                working = new TreeMap<>(committed);
                s.rollback();
                return "rollback";
            }
        }

        private void trace(String line) {
            if (Boolean.getBoolean("athanor.faultTrace")) {
                System.out.println("[seed " + seed + ", fault at " + faults.failedCall() + "] " + line);
            }
        }

        private Synchronize[] modes() {
            return new Synchronize[] {Synchronize.EVALUATE, Synchronize.FETCH, Synchronize.AUTO};
        }

        /** A random object the session holds (pending or persistent) and not marked for deletion, or null. */
        private KitStuff pick(Session s) {
            known.removeIf(o -> !s.contains(o) || !working.containsKey(nameOf.get(o)));
            return known.isEmpty() ? null : known.get(random.nextInt(known.size()));
        }

        private void commit(Session s) {
            s.commit();
            assertEquals(working, inDatabase(), "seed " + seed + ": commit() returned, so the database must hold the work");
            committed = new TreeMap<>(working);
        }

        /**
         * After a failure, commit: it must either raise, with the database holding the last committed
         * state, or succeed, with the database holding all the work asked for.
         */
        private void afterFailure(Session s, String where, RuntimeException failure) {
            if (faults.failedCall() == null) {
                throw new AssertionError("seed " + seed + ": " + where + " failed with no fault injected", failure);
            }
            boolean committedNow;
            try {
                s.commit();
                committedNow = true;
            } catch (RuntimeException refused) {
                committedNow = false;
            }
            if (committedNow) {
                assertEquals(working, inDatabase(), "seed " + seed + ": after a failure at " + where + " (" + failure
                        + "), commit() returned, so the database must hold the work");
                committed = new TreeMap<>(working);
            } else {
                assertEquals(committed, inDatabase(), "seed " + seed + ": after a failure at " + where + " (" + failure
                        + ") and a refused commit, the database must hold the last committed state");
                working = new TreeMap<>(committed);
                s.rollback();
            }
        }

        private Map<String, Integer> inDatabase() {
            Map<String, Integer> rows = new HashMap<>();
            db.query(Sql.select(KitStuff_.name, KitStuff_.foo).from(KitStuff_.TABLE), r -> rows.put(r.get(KitStuff_.name), r.get(KitStuff_.foo)));
            return new TreeMap<>(rows);
        }
    }
}
