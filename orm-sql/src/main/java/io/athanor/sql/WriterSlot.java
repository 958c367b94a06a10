package io.athanor.sql;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The one writer turn of a database that admits one writing transaction at a time (SQLite), handed
 * out first come, first served to the transactions of one {@link Database}. SQLite's own busy
 * handler polls with growing sleeps, so a waiting writer is often asleep when the lock frees and a
 * newcomer takes it: under contention some writers starve. Here a writer waits on a fair semaphore
 * instead and is woken the moment the turn is free. A transaction takes the turn before it begins
 * ({@link Database#beginWriting()}) or before its first write, and gives it back when it ends.
 */
final class WriterSlot {
    private final Semaphore turn = new Semaphore(1, true);
    private final String database;
    private final long timeoutMillis;
    private volatile Thread holderThread;
    private volatile Opened holder;

    WriterSlot(String database, long timeoutMillis) {
        this.database = database;
        this.timeoutMillis = timeoutMillis;
    }

    /** Waits for the turn on behalf of the transaction opened at {@code by}. */
    void acquire(Opened by) {
        if (holderThread == Thread.currentThread()) {
            // Waiting would never end: the holder can only commit from this very thread.
            throw new SqlException("this thread already holds the write turn of " + database + " in another open "
                    + "transaction (one opened " + holder.describe() + "\n); SQLite admits one writer at a time, so a "
                    + "second session or transaction of the same thread cannot write until the first commits, rolls "
                    + "back or closes. Finish the first one before writing in the second, or do both in one session");
        }
        boolean acquired;
        try {
            acquired = turn.tryAcquire(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SqlException("interrupted while waiting for the write turn of " + database, e);
        }
        if (!acquired) {
            Opened h = holder;
            throw new SqlException("waited " + timeoutMillis + " ms for the write turn of " + database
                    + " (SQLite admits one writer at a time)" + (h == null ? "" : "; it is held by the transaction opened "
                    + h.describe() + "\n") + "; a transaction that writes and then stays open blocks every other writer:"
                    + " commit or close it", null, null, true);
        }
        holder = by;
        holderThread = Thread.currentThread();
    }

    void release() {
        holder = null;
        holderThread = null;
        turn.release();
    }
}
