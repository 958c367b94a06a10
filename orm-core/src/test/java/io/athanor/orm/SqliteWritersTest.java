package io.athanor.orm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.athanor.orm.model.Account;
import io.athanor.orm.model.Account_;
import io.athanor.orm.model.Stuff;
import io.athanor.sql.Database;
import io.athanor.sql.Sql;
import io.athanor.sql.SqlException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SQLite's one writer at a time, as the sessions of one process see it: writers wait their turn
 * instead of failing, readers never wait, one thread cannot deadlock itself, a stale reader's write
 * fails with a retryable error that says what to do, and a drained pool names the open transactions.
 */
class SqliteWritersTest {
    @TempDir
    Path dir;
    OrmFixture fx;
    Long id;

    @BeforeEach
    void open() {
        fx = new OrmFixture(dir);
        id = fx.factory.inTransaction(s -> {
            Account a = new Account("a@example.com", 10);
            s.add(a);
            s.flush();
            return a.getId();
        });
    }

    @AfterEach
    void close() {
        fx.close();
    }

    @Test
    void aSecondSessionOfTheSameThreadThatWritesFailsAtOnceInsteadOfWaitingForTheFirst() {
        try (Session first = fx.factory.openSession(); Session second = fx.factory.openSession()) {
            first.get(Account.class, id).setBalance(11);
            first.flush();
            second.add(new Stuff(1, "second"));
            long start = System.nanoTime();
            SqlException e = assertThrows(SqlException.class, second::flush);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(millis < 2_000, "failed at once, not after a timeout: " + millis + " ms");
            assertTrue(e.getMessage().contains("this thread already holds the write turn"), e.getMessage());
            assertTrue(e.getMessage().contains(getClass().getSimpleName()), "names where the first was opened: " + e.getMessage());
            assertFalse(e.isRetryable(), "retrying in the same thread would fail the same way");
            first.commit();
        }
        assertEquals(11L, balance());
    }

    @Test
    void aReaderSeesTheLastCommittedValueWithoutWaitingWhileAWriterHoldsTheLock() {
        try (Session writer = fx.factory.openSession(); Session reader = fx.factory.openSession()) {
            writer.get(Account.class, id).setBalance(99);
            writer.flush(); // holds SQLite's write lock until commit
            long start = System.nanoTime();
            assertEquals(10, reader.get(Account.class, id).getBalance());
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(2), "the reader did not wait");
            writer.commit();
        }
        assertEquals(99L, balance());
    }

    @Test
    void aWriterOfAnotherThreadWaitsItsTurnAndThenSucceedsWithoutARetry() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch waiting = new CountDownLatch(1);
        try (Session holder = fx.factory.openSession()) {
            holder.get(Account.class, id).setBalance(20);
            holder.flush();
            CompletableFuture<Void> other = CompletableFuture.runAsync(() -> {
                waiting.countDown();
                fx.factory.useTransaction(s -> {
                    runs.incrementAndGet();
                    Account a = s.get(Account.class, id);
                    a.setBalance(a.getBalance() + 1);
                });
            });
            waiting.await();
            Thread.sleep(300);
            assertFalse(other.isDone(), "the second writer waits for the first");
            holder.commit();
            other.get(10, TimeUnit.SECONDS);
        }
        assertEquals(1, runs.get(), "no retry: it began as a writer after the first committed");
        assertEquals(21L, balance());
    }

    @Test
    void aStaleReaderThatWritesOutsideInTransactionGetsARetryableErrorSayingSo() {
        try (Session first = fx.factory.openSession(); Session second = fx.factory.openSession()) {
            Account mine = first.get(Account.class, id);
            second.get(Account.class, id).setBalance(50);
            second.commit();
            mine.setBalance(mine.getBalance() + 1);
            SqlException e = assertThrows(SqlException.class, first::flush);
            assertTrue(e.isRetryable(), e.getMessage());
            assertTrue(e.getMessage().contains("SQLITE_BUSY_SNAPSHOT") && e.getMessage().contains("inTransaction"), e.getMessage());
            first.rollback();
        }
        assertEquals(50L, balance());
    }

    @Test
    void anExhaustedPoolSaysHowManyTransactionsAreOpenAndWhereTheOldestWasOpened() {
        try (Database small = Database.builder().url("jdbc:sqlite:" + dir.resolve("small.db")).maximumPoolSize(2)
                .connectionTimeout(Duration.ofMillis(300)).build();
                SessionFactory sf = SessionFactory.builder().database(small).entities(Stuff.class, Account.class).build()) {
            sf.createTables();
            Session leaked1 = sf.openSession();
            Session leaked2 = sf.openSession();
            leaked1.query(Stuff.class).list();
            leaked2.query(Stuff.class).list();
            long start = System.nanoTime();
            try (Session third = sf.openSession()) {
                SqlException e = assertThrows(SqlException.class, () -> third.query(Stuff.class).list());
                assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5), "within the pool's timeout");
                assertTrue(e.getMessage().contains("2 transaction(s) of this Database are open"), e.getMessage());
                assertTrue(e.getMessage().contains("never closed"), e.getMessage());
                assertTrue(e.getMessage().contains("anExhaustedPoolSaysHowManyTransactionsAreOpen"), e.getMessage());
            } finally {
                leaked1.close();
                leaked2.close();
            }
        }
    }

    private long balance() {
        return fx.database.query(Sql.select(Account_.balance).from(Account_.TABLE), r -> r.get(Account_.balance)).get(0);
    }
}
