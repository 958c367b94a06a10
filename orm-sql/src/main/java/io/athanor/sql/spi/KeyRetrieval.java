package io.athanor.sql.spi;

/**
 * How database-generated keys come back from a batch of inserts. Whatever the way, each key must be
 * correlated to its row by a rule that holds, not by an order nobody promised: see
 * {@code docs/internals.md}, "Generated keys of many rows".
 */
public enum KeyRetrieval {
    /** {@code INSERT ... RETURNING key}, one execution per row (drivers that return no batch keys). */
    RETURNING,
    /** JDBC {@code getGeneratedKeys()} after one {@code executeBatch()}. */
    GENERATED_KEYS_BATCH,
    /** JDBC {@code getGeneratedKeys()} after each row's {@code executeUpdate()}. */
    GENERATED_KEYS_PER_ROW,
    /**
     * One {@code executeBatch()} without RETURNING, the keys derived from the table (SQLite): the
     * database gives a row inserted without a key one more than the greatest key given out so far
     * ({@link Dialect#greatestGeneratedKey}), and a JDBC batch runs its inserts one after the other,
     * in order; so the rows of a batch get consecutive keys in batch order. Checked after the batch
     * ({@link Dialect#lastInsertedKeyIs}); where it cannot hold (a key that is not a generated integer
     * primary key, an INSERT that sets it, a table near the largest key), one RETURNING per row.
     */
    SEQUENTIAL,
    /**
     * The keys are drawn first from the key column's sequence ({@link Dialect#reserveKeys}), then bound
     * into multi-row {@code INSERT ... VALUES (...), (...)} statements sized to
     * {@link Dialect#maxParameters()}: each row carries its own key, so nothing is matched by an order
     * (PostgreSQL). Where it cannot apply (as for SEQUENTIAL, or a column without a sequence), one
     * {@link #GENERATED_KEYS_BATCH}.
     */
    RESERVED
}
