package io.athanor.sql.spi;

/** How database-generated keys come back from a batch of inserts. */
public enum KeyRetrieval {
    /** {@code INSERT ... RETURNING key}, one execution per row (drivers that return no batch keys). */
    RETURNING,
    /** JDBC {@code getGeneratedKeys()} after one {@code executeBatch()}. */
    GENERATED_KEYS_BATCH,
    /** JDBC {@code getGeneratedKeys()} after each row's {@code executeUpdate()}. */
    GENERATED_KEYS_PER_ROW
}
