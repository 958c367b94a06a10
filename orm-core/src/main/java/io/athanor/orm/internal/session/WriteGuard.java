package io.athanor.orm.internal.session;

import io.athanor.orm.ObjectState;
import io.athanor.orm.OrmException;

/**
 * The one place that decides whether a session may write: a read-only session
 * ({@code SessionOptions.readOnly()}, on a read replica or, without replicas, on the primary) refuses
 * every write before any SQL runs, naming the operation and where the session reads from; an
 * ordinary session passes. The session consults it at each write entry point: a flush that has
 * changes to write (so also commit and the autoflush before a query), {@code execute}, and every bulk
 * statement. A refusal leaves the session usable, since no SQL ran.
 */
final class WriteGuard {
    private final SessionImpl session;
    /** What the session is, when it may not write ("a read-only session ... on read replica 1 of 2 (url)"); else null. */
    private final String readOnly;

    WriteGuard(SessionImpl session, String readOnly) {
        this.session = session;
        this.readOnly = readOnly;
    }

    /** Refuses {@code operation} in a read-only session; nothing in an ordinary one. */
    void require(String operation) {
        if (readOnly != null) {
            throw new OrmException("cannot " + operation + ": this is " + readOnly + ", which only reads. Write in an "
                    + "ordinary session (SessionFactory.openSession() or inTransaction), which uses the primary; undo "
                    + "this session's changes with rollback()");
        }
    }

    /** Before a flush: refuses it in a read-only session when it would write something. */
    void beforeFlush() {
        if (readOnly != null && hasChanges()) {
            require("flush its changes");
        }
    }

    /**
     * True when a flush would write: added or deleted objects, changed enhanced ones, unenhanced ones
     * whose snapshot differs (a flush compares every unenhanced object).
     */
    private boolean hasChanges() {
        PendingChanges work = session.pending();
        if (!work.added.isEmpty() || !work.changed.isEmpty() || !work.deleted.isEmpty() || !work.orphans.isEmpty()) {
            return true;
        }
        for (InstanceState s : session.snapshotStates.values()) {
            Object entity = s.get();
            if (s.session == session && (s.status == ObjectState.PENDING || s.markedForDeletion
                    || s.status == ObjectState.PERSISTENT && entity != null && s.changedProperties(entity) != 0)) {
                return true;
            }
        }
        return false;
    }
}
