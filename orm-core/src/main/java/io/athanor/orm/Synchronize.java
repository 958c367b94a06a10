package io.athanor.orm;

/**
 * How a bulk {@code query.update(...)} or {@code query.delete(...)} keeps the objects already in
 * the session consistent with the database. See docs/synchronize.md.
 */
public enum Synchronize {
    /** No extra work: loaded objects stay stale until expired, refreshed or committed. */
    NONE,
    /** The criteria are evaluated in Java on loaded objects; fails before any SQL if they cannot be. */
    EVALUATE,
    /** The matched keys come back from the database (RETURNING or a SELECT first). */
    FETCH,
    /** EVALUATE when the criteria can be evaluated in Java, otherwise FETCH. The default. */
    AUTO
}
