package io.athanor.orm;

/**
 * How {@link SessionFactory#openSession(SessionOptions)} opens a session. An immutable value;
 * {@link #defaults()} is what {@link SessionFactory#openSession()} uses.
 *
 * <p><b>Read-only sessions</b> ({@link #readOnly()}) read from one of the factory's read replicas
 * ({@link SessionFactory.Builder#readReplicas(String...)}), taken in turn, or from the primary when
 * the factory has none. They load, query, {@code get}, {@code refresh} and {@code select} like any
 * session, but refuse, with an {@link OrmException} naming the operation and the replica and before
 * any SQL runs, everything that would write: a flush or commit with changes (added, changed or
 * deleted objects), the bulk statements ({@code Query.update}, {@code updateReturning},
 * {@code delete}, {@code Session.bulkUpdate}, {@code insertAll}, {@code upsert}) and
 * {@code execute} of DML. The refusal leaves the session usable (no SQL ran): undo the change with
 * {@code rollback()} or {@code expunge}, or do the write in an ordinary session, which uses the
 * primary.
 *
 * <p>A replica applies the primary's commits after a delay (replication lag): a read-only session
 * opened right after a commit may not see it yet. Read your own writes from an ordinary session
 * (see docs/scale-out.md).
 */
public final class SessionOptions {
    private static final SessionOptions DEFAULTS = new SessionOptions(false);
    private static final SessionOptions READ_ONLY = new SessionOptions(true);

    private final boolean readOnly;

    private SessionOptions(boolean readOnly) {
        this.readOnly = readOnly;
    }

    /** An ordinary session on the primary: reads and writes. */
    public static SessionOptions defaults() {
        return DEFAULTS;
    }

    /** A read-only session on a read replica (on the primary when there is none); see the class comment. */
    public static SessionOptions readOnly() {
        return READ_ONLY;
    }

    /** True for {@link #readOnly()}. */
    public boolean isReadOnly() {
        return readOnly;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SessionOptions other && other.readOnly == readOnly;
    }

    @Override
    public int hashCode() {
        return Boolean.hashCode(readOnly);
    }

    @Override
    public String toString() {
        return readOnly ? "SessionOptions.readOnly()" : "SessionOptions.defaults()";
    }
}
