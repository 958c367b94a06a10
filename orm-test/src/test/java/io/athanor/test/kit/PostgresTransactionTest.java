package io.athanor.test.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.athanor.orm.SessionFactory;
import io.athanor.sql.Database;
import io.athanor.sql.Sql;
import io.athanor.test.kit.entities.KitStuff;
import io.athanor.test.kit.entities.KitStuff_;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The kit's {@link TransactionSuite} on PostgreSQL (skipped when the server does not answer; see
 * {@link ServerTarget}), plus a SERIALIZABLE write skew that inTransaction retries to a correct end.
 */
class PostgresTransactionTest extends TransactionSuite {
    @Override
    protected KitTarget target() {
        return KitTargets.postgresql();
    }

    /**
     * Two doctors on call; each transaction goes off call if the other is still on. Run at once,
     * both see two on call and both leave (write skew) unless SERIALIZABLE aborts one: retried, it
     * sees one on call and stays.
     */
    @Test
    void aSerializableWriteSkewIsRetriedToACorrectResult() throws Exception {
        try (Database serializable = kitTarget().open(b -> b.transactionIsolation(Connection.TRANSACTION_SERIALIZABLE))) {
            SessionFactory sf = SessionFactory.builder().database(serializable).entities(KitStuff.class)
                    .backoff(Duration.ZERO, Duration.ofMillis(5)).build();
            sf.createTables();
            sf.useTransaction(s -> {
                s.add(new KitStuff(1, "alice"));
                s.add(new KitStuff(1, "bob"));
            });
            CyclicBarrier bothRead = new CyclicBarrier(2);
            AtomicInteger runs = new AtomicInteger();
            concurrently(2, t -> sf.useTransaction(s -> {
                int run = runs.incrementAndGet();
                long onCall = s.query(KitStuff.class).where(KitStuff_.foo.eq(1)).count();
                if (run <= 2) {
                    try {
                        bothRead.await(10, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
                if (onCall >= 2) {
                    s.query(KitStuff.class).where(KitStuff_.name.eq(t == 0 ? "alice" : "bob")).one().setFoo(0);
                }
            }));
            List<Integer> foos = serializable.query(Sql.select(KitStuff_.foo).from(KitStuff_.TABLE), r -> r.get(KitStuff_.foo));
            assertEquals(1, foos.stream().mapToInt(Integer::intValue).sum(), "exactly one doctor stays on call: " + foos);
            assertTrue(runs.get() >= 3, "the aborted transaction ran again: " + runs.get() + " runs");
        }
    }
}
