package io.athanor.test.kit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kit's {@link TransactionSuite} on SQLite files (WAL): 8 x 200 increments, and since writers
 * queue for their turn instead of colliding, fewer retries than increments.
 */
class SqliteTransactionTest extends TransactionSuite {
    @TempDir
    static Path dir;

    @Override
    protected KitTarget target() {
        return KitTargets.sqlite(dir);
    }

    @Override
    protected int incrementsPerThread() {
        return 200;
    }

    @Override
    protected int retriesUnderContention() {
        return 5; // the default: queued writers should never need more
    }

    @Override
    protected void assertRetriesWithinBudget(int retries, int increments) {
        assertTrue(retries < increments, retries + " retries for " + increments + " increments");
    }
}
