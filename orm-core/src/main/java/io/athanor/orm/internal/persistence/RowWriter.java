package io.athanor.orm.internal.persistence;

import io.athanor.orm.StaleObjectException;
import io.athanor.orm.internal.mapping.EntityMapping;
import io.athanor.sql.CompiledSql;
import io.athanor.sql.ConstraintViolationException;
import io.athanor.sql.Transaction;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The one place rows are written: a batch of row arrays (laid out by {@link EntityPersister}) runs
 * as one JDBC batch, generated keys come back in row order, every UPDATE and DELETE must match
 * exactly one row, and a constraint violation names the object whose statement failed. The flush's
 * plan and {@code session.bulkUpdate} both write through it, so they cannot disagree on what a
 * failure means.
 *
 * <p>Stateless; the caller names the rows ({@code names.apply(i)}: {@code Order#7}, {@code a new
 * Order}) and says what a row that matched nothing means ({@link Stale}).
 */
public final class RowWriter {
    private RowWriter() {
    }

    /** What an UPDATE or DELETE of row {@code i} that matched {@code count} rows instead of one means. */
    @FunctionalInterface
    public interface Stale {
        StaleObjectException of(int row, int count);
    }

    /** INSERTs of rows that carry their keys. */
    public static void insert(Transaction tx, EntityPersister persister, List<Object[]> rows, IntFunction<String> names) {
        execute(tx, persister.insertWithId(), "INSERT", persister.mapping(), rows, names);
    }

    /** INSERTs of rows whose key the database generates; returns the keys in row order. */
    public static List<?> insertGeneratingKeys(Transaction tx, EntityPersister persister, List<Object[]> rows,
            IntFunction<String> names) {
        try {
            return tx.insertReturningKeys(persister.insertWithoutId(), rows, persister.mapping().id().column());
        } catch (ConstraintViolationException e) {
            throw about(e, "INSERT", persister.mapping(), rows.size(), names);
        }
    }

    /**
     * UPDATEs of one shape ({@link EntityPersister#update(long)}); each must match one row.
     *
     * @return the matched-row counts
     */
    public static int[] update(Transaction tx, EntityPersister persister, long mask, List<Object[]> rows,
            IntFunction<String> names, Stale stale) {
        int[] counts = execute(tx, persister.update(mask), "UPDATE", persister.mapping(), rows, names);
        check(counts, stale);
        return counts;
    }

    /** DELETEs by key (and expected version); each must match one row. */
    public static void delete(Transaction tx, EntityPersister persister, List<Object[]> rows, IntFunction<String> names,
            Stale stale) {
        check(execute(tx, persister.delete(), "DELETE", persister.mapping(), rows, names), stale);
    }

    private static int[] execute(Transaction tx, CompiledSql sql, String what, EntityMapping<?> m, List<Object[]> rows,
            IntFunction<String> names) {
        try {
            return tx.executeBatch(sql, rows);
        } catch (ConstraintViolationException e) {
            throw about(e, what, m, rows.size(), names);
        }
    }

    /** Drivers may not know a batched statement's count ({@code SUCCESS_NO_INFO}); anything else must be 1. */
    private static void check(int[] counts, Stale stale) {
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] != 1 && counts[i] != java.sql.Statement.SUCCESS_NO_INFO) {
                throw stale.of(i, counts[i]);
            }
        }
    }

    /**
     * The violation, naming the object whose statement failed when the batch tells which
     * ({@link ConstraintViolationException#failedRow()}); never its values.
     */
    private static ConstraintViolationException about(ConstraintViolationException e, String what, EntityMapping<?> m,
            int rows, IntFunction<String> names) {
        int failed = rows == 1 ? 0 : e.failedRow();
        if (failed < 0 || failed >= rows) {
            return e.about(what + " of one of " + rows + " " + m.name() + " objects");
        }
        return e.about(what + " of " + names.apply(failed));
    }
}
