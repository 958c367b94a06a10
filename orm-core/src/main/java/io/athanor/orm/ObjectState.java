package io.athanor.orm;

/** Where an object stands with respect to a session and the database (after SQLAlchemy). */
public enum ObjectState {
    /** New, unknown to any session, no row. */
    TRANSIENT,
    /** Added to a session, not inserted yet. */
    PENDING,
    /** Has a row and belongs to a session. */
    PERSISTENT,
    /** Its DELETE was flushed (or a bulk delete matched it) in the session's current transaction. */
    DELETED,
    /** Has a row, belongs to no session. */
    DETACHED
}
