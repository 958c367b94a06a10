package io.athanor.test.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.athanor.orm.Session;
import io.athanor.orm.SessionFactory;
import io.athanor.orm.StaleObjectException;
import io.athanor.sql.ConstraintViolationException;
import io.athanor.sql.Database;
import io.athanor.sql.Sql;
import io.athanor.sql.SqlException;
import io.athanor.test.kit.entities.KitAccount;
import io.athanor.test.kit.entities.KitAccount_;
import io.athanor.test.kit.entities.KitStuff;
import io.athanor.test.kit.entities.KitStuff_;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;

/**
 * {@code SessionFactory.inTransaction} under contention and the typed failures on one dialect:
 * concurrent read-modify-write increments of versioned rows all land (a lost race is retried), a
 * reader meanwhile sees only committed states, non-retryable failures run the work once, and unique,
 * NOT NULL and foreign-key violations raise a {@link ConstraintViolationException} that names the
 * constraint and the object but never the values. Subclass it and return your database from
 * {@link #target()}.
 */
public abstract class TransactionSuite extends OrmKitSuite {
    /** Threads that increment at once. */
    protected static final int THREADS = 8;

    /** Increments each thread makes in the contention tests (the kit runs SQLite with more). */
    protected int incrementsPerThread() {
        return 100;
    }

    /** Retries allowed per increment: on one hot row the servers' optimistic losers retry often. */
    protected int retriesUnderContention() {
        return 100;
    }

    @Test
    void eightThreadsIncrementingOneVersionedRowLoseNoIncrementAndAReaderSeesOnlyCommittedStates() throws Exception {
        int perThread = incrementsPerThread();
        try (Database wide = widePool()) {
            SessionFactory sf = factoryOn(wide);
            Long id = sf.inTransaction(s -> {
                KitAccount a = new KitAccount("hot@example.com", 0);
                s.add(a);
                s.flush();
                return a.getId();
            });
            AtomicInteger runs = new AtomicInteger();
            ReaderCheck reader = new ReaderCheck(wide, id);
            reader.start();
            concurrently(THREADS, t -> {
                for (int i = 0; i < perThread; i++) {
                    sf.useTransaction(s -> {
                        runs.incrementAndGet();
                        KitAccount a = s.get(KitAccount.class, id);
                        a.setBalance(a.getBalance() + 1);
                    });
                }
            });
            reader.stopAndCheck();
            int total = THREADS * perThread;
            int retries = runs.get() - total;
            System.out.printf("[athanor-kit] %s: %d x %d increments of one @Version row: %d retries (%.3f per increment), %d"
                    + " reads by a concurrent reader%n", target().name(), THREADS, perThread, retries, (double) retries / total,
                    reader.reads.get());
            try (Session s = sf.openSession()) {
                KitAccount a = s.get(KitAccount.class, id);
                assertEquals(total, a.getBalance(), "no increment was lost");
                assertEquals(total, a.getVersion(), "one version bump per increment");
            }
            assertRetriesWithinBudget(retries, total);
        }
    }

    @Test
    void eightThreadsIncrementingEightRowsLoseNoIncrement() throws Exception {
        int perThread = incrementsPerThread() / 2;
        try (Database wide = widePool()) {
            SessionFactory sf = factoryOn(wide);
            List<Long> ids = sf.inTransaction(s -> {
                List<KitAccount> rows = new ArrayList<>();
                for (int i = 0; i < THREADS; i++) {
                    KitAccount a = new KitAccount("row" + i + "@example.com", 0);
                    s.add(a);
                    rows.add(a);
                }
                s.flush();
                return rows.stream().map(KitAccount::getId).toList();
            });
            AtomicInteger runs = new AtomicInteger();
            concurrently(THREADS, t -> {
                for (int i = 0; i < perThread; i++) {
                    Long id = ids.get((t + i) % ids.size());
                    sf.useTransaction(s -> {
                        runs.incrementAndGet();
                        KitAccount a = s.get(KitAccount.class, id);
                        a.setBalance(a.getBalance() + 1);
                    });
                }
            });
            System.out.printf("[athanor-kit] %s: %d x %d increments over %d rows: %d retries%n", target().name(), THREADS,
                    perThread, ids.size(), runs.get() - THREADS * perThread);
            List<Long> balances = wide.query(Sql.select(KitAccount_.balance).from(KitAccount_.TABLE), r -> r.get(KitAccount_.balance));
            assertEquals(THREADS, balances.size());
            for (long balance : balances) {
                assertEquals(perThread, balance, "each row got its share, nothing was lost");
            }
        }
    }

    /**
     * Two transactions update two rows in opposite orders and meet: the server aborts one with a
     * deadlock (PostgreSQL 40P01, MariaDB 1213), which inTransaction runs again. SQLite's writers
     * take turns, so they never meet there and the test does not apply.
     */
    @Test
    void aDeadlockBetweenTwoTransactionsIsRetriedAndBothComplete() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse(dialect().singleWriter(), "writers take turns: no deadlock possible");
        seedStuff(2);
        List<Long> ids = db.query(Sql.select(KitStuff_.id).from(KitStuff_.TABLE).orderBy(KitStuff_.id.asc()), r -> r.get(KitStuff_.id));
        SessionFactory sf = newFactory(b -> b.backoff(Duration.ZERO, Duration.ofMillis(5)));
        java.util.concurrent.CyclicBarrier bothHoldOne = new java.util.concurrent.CyclicBarrier(2);
        AtomicInteger runs = new AtomicInteger();
        concurrently(2, t -> sf.useTransaction(s -> {
            boolean first = runs.incrementAndGet() <= 2;
            Long mine = ids.get(t);
            Long theirs = ids.get(1 - t);
            s.execute(Sql.update(KitStuff_.TABLE).set(KitStuff_.foo, KitStuff_.foo.plus(10)).where(KitStuff_.id.eq(mine)));
            if (first) {
                try {
                    bothHoldOne.await(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            s.execute(Sql.update(KitStuff_.TABLE).set(KitStuff_.foo, KitStuff_.foo.plus(100)).where(KitStuff_.id.eq(theirs)));
        }));
        assertEquals(List.of(110, 111), foosInDatabase(), "both transactions completed, each exactly once");
        assertTrue(runs.get() >= 3, "the deadlock victim ran again: " + runs.get() + " runs");
    }

    @Test
    void aFailureThatIsNotRetryableRunsTheWorkOnceAndIsRethrownAsItIs() {
        AtomicInteger runs = new AtomicInteger();
        IllegalStateException boom = new IllegalStateException("not a race");
        assertSame(boom, assertThrows(IllegalStateException.class, () -> factory.useTransaction(s -> {
            runs.incrementAndGet();
            s.add(new KitStuff(1, "rolled back"));
            s.flush();
            throw boom;
        })));
        assertEquals(1, runs.get());
        assertEquals(List.of(), foosInDatabase(), "the work's flush was rolled back");

        runs.set(0);
        factory.useTransaction(s -> s.add(new KitAccount("taken@example.com", 1)));
        ConstraintViolationException dup = assertThrows(ConstraintViolationException.class, () -> factory.useTransaction(s -> {
            runs.incrementAndGet();
            s.add(new KitAccount("taken@example.com", 2));
        }));
        assertEquals(1, runs.get(), "a constraint violation is not retried");
        assertFalse(dup.isRetryable());
    }

    @Test
    void aRetryableFailureRunsTheWorkAgainUpToRetriesThenIsRethrown() {
        SessionFactory sf = newFactory(b -> b.retries(3).backoff(Duration.ZERO, Duration.ZERO));
        AtomicInteger runs = new AtomicInteger();
        assertEquals("third time lucky", sf.inTransaction(s -> {
            if (runs.incrementAndGet() < 3) {
                throw new StaleObjectException("lost a race, run " + runs.get());
            }
            s.add(new KitStuff(runs.get(), "kept"));
            return "third time lucky";
        }));
        assertEquals(3, runs.get());
        assertEquals(List.of(3), foosInDatabase(), "only the successful run's work was committed");

        runs.set(0);
        SqlException race = new SqlException("simulated serialization failure", null, null, true);
        assertSame(race, assertThrows(SqlException.class, () -> sf.useTransaction(s -> {
            runs.incrementAndGet();
            throw race;
        })));
        assertEquals(4, runs.get(), "one run and 3 retries");

        runs.set(0);
        SessionFactory once = newFactory(b -> b.retries(0));
        assertThrows(StaleObjectException.class, () -> once.useTransaction(s -> {
            runs.incrementAndGet();
            throw new StaleObjectException("lost a race");
        }));
        assertEquals(1, runs.get(), "retries(0) runs the work once");
    }

    @Test
    void theBackoffBetweenRetriesIsBoundedByItsMaximum() {
        SessionFactory sf = newFactory(b -> b.retries(5).backoff(Duration.ofMillis(5), Duration.ofMillis(20)));
        AtomicInteger runs = new AtomicInteger();
        long start = System.nanoTime();
        assertThrows(StaleObjectException.class, () -> sf.useTransaction(s -> {
            runs.incrementAndGet();
            throw new StaleObjectException("always");
        }));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals(6, runs.get());
        // 5 pauses of at most 5, 10, 20, 20, 20 ms: 75 ms, plus generous room for a loaded machine.
        assertTrue(millis < 2_000, "5 retries with pauses of at most 20 ms took " + millis + " ms");
    }

    @Test
    void aUniqueViolationNamesTheConstraintAndTheEntityButNoValue() {
        factory.useTransaction(s -> s.add(new KitAccount("secret-value@example.com", 1)));
        ConstraintViolationException e = assertThrows(ConstraintViolationException.class,
                () -> factory.useTransaction(s -> s.add(new KitAccount("secret-value@example.com", 2))));
        assertEquals(ConstraintViolationException.Kind.UNIQUE, e.kind());
        assertNotNull(e.constraintName(), e.getMessage());
        assertTrue(e.constraintName().contains("email"), e.constraintName());
        assertTrue(e.getMessage().contains("INSERT of a new KitAccount"), e.getMessage());
        assertFalse(e.getMessage().contains("secret-value"), "no bound value in Athanor's message: " + e.getMessage());
        assertFalse(e.isRetryable());
        assertTrue(e.getCause() instanceof SQLException, "the server's own text stays in the cause");
    }

    @Test
    void aDuplicateKeyInABatchNamesTheObjectWhoseInsertFailed() {
        java.util.UUID taken = new java.util.UUID(0, 42);
        factory.useTransaction(s -> s.add(gadget(taken)));
        java.util.UUID fresh = new java.util.UUID(0, 7);
        ConstraintViolationException e = assertThrows(ConstraintViolationException.class, () -> factory.useTransaction(s -> {
            s.add(gadget(fresh));
            s.add(gadget(taken));
            s.add(gadget(new java.util.UUID(0, 8)));
        }));
        assertEquals(ConstraintViolationException.Kind.UNIQUE, e.kind());
        // sqlite-jdbc does not say which statement of a batch failed; pgjdbc and Connector/J do.
        String subject = dialect().name().equals("sqlite") ? "one of 3 KitGadget objects" : "KitGadget#" + taken;
        assertTrue(e.getMessage().startsWith("INSERT of " + subject + ": UNIQUE constraint"), e.getMessage());
    }

    private static io.athanor.test.kit.entities.KitGadget gadget(java.util.UUID id) {
        io.athanor.test.kit.entities.KitGadget g = new io.athanor.test.kit.entities.KitGadget();
        g.id = id;
        return g;
    }

    @Test
    void aNotNullViolationIsAConstraintViolationNamingTheColumn() {
        ConstraintViolationException e = assertThrows(ConstraintViolationException.class,
                () -> factory.useTransaction(s -> s.add(new KitAccount(null, 2))));
        assertEquals(ConstraintViolationException.Kind.NOT_NULL, e.kind());
        assertNotNull(e.constraintName(), e.getMessage());
        assertTrue(e.constraintName().contains("email"), e.constraintName());
        assertFalse(e.isRetryable());
    }

    @Test
    void aForeignKeyViolationIsAConstraintViolationNamingTheConstraint() throws SQLException {
        db.inTransaction(tx -> {
            try (var s = tx.connection().createStatement()) {
                // plain DDL, quoted as the dialect quotes, to give the constraint a name of our own
                java.util.function.UnaryOperator<String> q = dialect()::quote;
                s.execute("CREATE TABLE " + q.apply("kit_parent") + " (" + q.apply("id") + " BIGINT PRIMARY KEY)");
                s.execute("CREATE TABLE " + q.apply("kit_child") + " (" + q.apply("id") + " BIGINT PRIMARY KEY, "
                        + q.apply("parent_id") + " BIGINT, CONSTRAINT " + q.apply("kit_child_parent_fk") + " FOREIGN KEY ("
                        + q.apply("parent_id") + ") REFERENCES " + q.apply("kit_parent") + " (" + q.apply("id") + "))");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            return null;
        });
        var child = io.athanor.sql.Table.builder("kit_child").column("id", Long.class).column("parent_id", Long.class).build();
        ConstraintViolationException e = assertThrows(ConstraintViolationException.class, () -> db.execute(
                Sql.insertInto(child).set(child.column("id", Long.class), 1L).set(child.column("parent_id", Long.class), 424242L)));
        assertEquals(ConstraintViolationException.Kind.FOREIGN_KEY, e.kind());
        assertFalse(e.isRetryable());
        assertFalse(e.getMessage().contains("424242"), e.getMessage());
        if (!dialect().name().equals("sqlite")) { // SQLite reports no name for a foreign key
            assertEquals("kit_child_parent_fk", e.constraintName());
        }
    }

    /** Server targets allow more; SQLite's writers queue, so its retries stay under one per increment on average. */
    protected void assertRetriesWithinBudget(int retries, int increments) {
    }

    /** A second database on the target with room for every thread and the reader. */
    protected Database widePool() {
        return kitTarget().open(b -> b.maximumPoolSize(THREADS + 2));
    }

    private SessionFactory factoryOn(Database wide) {
        SessionFactory sf = SessionFactory.builder().database(wide).entities(KitStuff.class, KitAccount.class,
                io.athanor.test.kit.entities.KitGadget.class).retries(retriesUnderContention()).build();
        sf.createTables();
        return sf;
    }

    /** Runs {@code body(t)} on {@code threads} threads at once and rethrows the first failure. */
    protected static void concurrently(int threads, IntConsumer body) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> body.accept(thread)));
            }
            for (Future<?> f : futures) {
                f.get(5, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Reads the hot row in a loop while writers run; every state it sees must be a committed one (balance = version). */
    private static final class ReaderCheck extends Thread {
        final AtomicLong reads = new AtomicLong();
        private final AtomicBoolean stop = new AtomicBoolean();
        private final Database database;
        private final Long id;
        private volatile Throwable failure;

        ReaderCheck(Database database, Long id) {
            super("kit-reader");
            this.database = database;
            this.id = id;
        }

        @Override
        public void run() {
            try {
                while (!stop.get()) {
                    List<long[]> rows = database.query(Sql.select(KitAccount_.balance, KitAccount_.version).from(KitAccount_.TABLE)
                            .where(KitAccount_.id.eq(id)), r -> new long[] {r.get(KitAccount_.balance), r.get(KitAccount_.version)});
                    if (rows.get(0)[0] != rows.get(0)[1]) {
                        throw new AssertionError("the reader saw balance " + rows.get(0)[0] + " with version " + rows.get(0)[1]);
                    }
                    reads.incrementAndGet();
                }
            } catch (Throwable t) {
                failure = t;
            }
        }

        void stopAndCheck() throws InterruptedException {
            stop.set(true);
            join(60_000);
            if (failure != null) {
                throw new AssertionError("the concurrent reader failed: " + failure, failure);
            }
            assertTrue(reads.get() > 0, "the reader read while the writers ran");
        }
    }
}
