package io.athanor.sql;

/**
 * A statement broke an integrity constraint (SQLState class 23, SQLite's constraint result codes):
 * a unique key, a foreign key, NOT NULL or a CHECK. Never retryable: running the same work again
 * breaks it again. The message is Athanor's and never holds bound values; the database's own text,
 * which may (PostgreSQL's {@code Key (email)=(...)}, MariaDB's {@code Duplicate entry '...'}),
 * stays in the JDBC cause.
 */
public class ConstraintViolationException extends SqlException {
    /** Which kind of constraint was broken, as far as the database says. */
    public enum Kind {
        UNIQUE("UNIQUE"), FOREIGN_KEY("FOREIGN KEY"), NOT_NULL("NOT NULL"), CHECK("CHECK"), OTHER("integrity");

        private final String text;

        Kind(String text) {
            this.text = text;
        }

        /** How messages name this kind, in SQL's words, e.g. {@code FOREIGN KEY}. */
        public String text() {
            return text;
        }
    }

    private final Kind kind;
    private final String constraintName;

    /**
     * @param message Athanor's description, without bound values
     * @param sql the statement that failed, or null
     * @param cause the JDBC exception
     * @param kind the kind of constraint
     * @param constraintName the constraint's name as the database reports it, or null
     */
    public ConstraintViolationException(String message, String sql, Throwable cause, Kind kind, String constraintName) {
        super(message, sql, cause, false);
        this.kind = kind;
        this.constraintName = constraintName;
    }

    /** The kind of constraint that was broken. */
    public Kind kind() {
        return kind;
    }

    /**
     * The broken constraint as the database names it, or null when it does not: the constraint's
     * name on PostgreSQL and MariaDB (the key name of a duplicate entry); on SQLite, which keeps no
     * names for most constraints, the {@code table.column} list it reports (e.g.
     * {@code account.email}); for NOT NULL, which has no name anywhere, the column.
     */
    public String constraintName() {
        return constraintName;
    }

    /**
     * The same violation described as the failure of {@code subject} (e.g. {@code INSERT of
     * Account#5}), for callers that know which object's statement failed.
     */
    public ConstraintViolationException about(String subject) {
        ConstraintViolationException e = new ConstraintViolationException(subject + ": " + bareMessage(), sql(), getCause(),
                kind, constraintName);
        e.setStackTrace(getStackTrace());
        return e;
    }

    private String bareMessage() {
        String m = getMessage();
        return sql() == null ? m : m.substring(0, m.length() - (" [SQL: " + sql() + "]").length());
    }
}
