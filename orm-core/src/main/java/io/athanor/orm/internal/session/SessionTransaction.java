package io.athanor.orm.internal.session;

import io.athanor.orm.OrmException;
import io.athanor.sql.Database;
import io.athanor.sql.Transaction;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A session's database transaction and the one failure guard every operation that runs SQL passes
 * through.
 *
 * <p>The rule, the same on every dialect: when anything fails while a statement of the session is
 * running (or while its rows are being read), the transaction is rolled back at once and the session
 * refuses every later operation that needs SQL, naming the original failure, until
 * {@code rollback()}. PostgreSQL aborts a transaction on any error and its driver's COMMIT then
 * silently rolls back; SQLite and MariaDB keep the transaction going with part of the work done.
 * Rolling back at once and refusing makes the three behave alike and makes {@code commit()} raise
 * instead of reporting success for work the database does not hold.
 *
 * <p>A COMMIT that fails puts the session in the same refusal state. A COMMIT that succeeded is
 * success, even if returning the connection to the pool afterwards fails (the SQL layer logs that).
 *
 * <p>Not thread-safe: owned by one session.
 */
final class SessionTransaction {
    private static final Logger LOG = LoggerFactory.getLogger(SessionTransaction.class);

    private final Database database;
    /** Begins as a writer ({@link Database#beginWriting()}): the sessions {@code inTransaction} runs. */
    private final boolean writer;
    private Transaction transaction;
    private RuntimeException failure;

    SessionTransaction(Database database, boolean writer) {
        this.database = database;
        this.writer = writer;
    }

    /** The open transaction, begun on first use; refuses while the session is in the failed state. */
    Transaction current() {
        requireUsable();
        if (transaction == null) {
            transaction = writer ? database.beginWriting() : database.begin();
        }
        return transaction;
    }

    /** True when a transaction is open (some SQL ran since the last commit or rollback). */
    boolean isActive() {
        return transaction != null;
    }

    /**
     * Runs {@code work} on the transaction; any failure rolls the transaction back and puts the
     * session in the failed state before it is rethrown.
     */
    <T> T run(Function<Transaction, T> work) {
        Transaction tx = current();
        try {
            return work.apply(tx);
        } catch (RuntimeException | Error e) {
            fail(e);
            throw e;
        }
    }

    /**
     * Records {@code cause} as the session's failure and rolls back at once. Returns the cause so that
     * callers can {@code throw guard.fail(e)}.
     */
    <X extends Throwable> X fail(X cause) {
        if (failure == null) {
            failure = cause instanceof RuntimeException r ? r : new OrmException(String.valueOf(cause), cause);
        }
        Transaction tx = transaction;
        transaction = null;
        if (tx != null) {
            try {
                tx.rollback();
            } catch (RuntimeException suppressed) {
                cause.addSuppressed(suppressed);
            }
        }
        return cause;
    }

    /** Commits; a failed COMMIT leaves the session in the failed state and is rethrown. */
    void commit() {
        requireUsable();
        Transaction tx = transaction;
        if (tx == null) {
            return;
        }
        transaction = null;
        try {
            tx.commit();
        } catch (RuntimeException e) {
            failure = e;
            LOG.debug("COMMIT failed; the session refuses work until rollback()", e);
            throw e;
        }
    }

    /** Rolls back (if a transaction is open) and leaves the failed state, even if the ROLLBACK itself fails. */
    void rollback() {
        failure = null;
        Transaction tx = transaction;
        transaction = null;
        if (tx != null) {
            tx.rollback();
        }
    }

    /** Fails naming the original failure while the session is in the failed state. */
    void requireUsable() {
        if (failure != null) {
            throw new OrmException("this session's transaction was rolled back because a statement failed ("
                    + failure + "); nothing since the last commit was kept: call rollback() before using the session again",
                    failure);
        }
    }
}
