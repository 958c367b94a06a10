package io.athanor.sql.schema;

/**
 * One way a database table differs from its {@link io.athanor.sql.Table} metadata.
 *
 * @param table the table's name
 * @param column the column's name, or null for a difference of the whole table (missing table, primary key)
 * @param kind what differs
 * @param detail what the database holds against what the metadata needs, and what to do
 */
public record TableDifference(String table, String column, Kind kind, String detail) {
    /** What differs. */
    public enum Kind {
        /** The database has no such table. */
        MISSING_TABLE,
        /** The table has no such column. */
        MISSING_COLUMN,
        /** The column's type cannot hold the values of the column's Java type (as this dialect stores them). */
        TYPE,
        /** The column is NOT NULL where nulls are mapped, or accepts nulls where the mapping has none. */
        NULLABILITY,
        /** The primary key is missing or has other columns. */
        PRIMARY_KEY,
        /** A column declared unique has no unique constraint or index of its own. */
        UNIQUE,
        /** A declared foreign key is missing. */
        MISSING_FOREIGN_KEY,
        /** A declared foreign key exists with another ON DELETE. */
        FOREIGN_KEY,
        /** A column the metadata does not know: a note, not an error (the database keeps it unread). */
        EXTRA_COLUMN;

        /** True for differences that do not keep the mapping from working ({@link #EXTRA_COLUMN}). */
        public boolean isNote() {
            return this == EXTRA_COLUMN;
        }
    }

    /** True for a note rather than an error ({@link Kind#isNote()}). */
    public boolean isNote() {
        return kind.isNote();
    }

    @Override
    public String toString() {
        return (column == null ? table : table + "." + column) + ": " + detail;
    }
}
