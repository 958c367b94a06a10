package io.athanor.sql;

/** Constraints of a column, given when a {@link Table} is defined. */
public enum ColumnOption {
    /** Part of the primary key (implies NOT NULL). */
    PRIMARY_KEY,
    /** NOT NULL. */
    NOT_NULL,
    /** Values are assigned by the database when the insert leaves the column out (identity/autoincrement). */
    GENERATED,
    /** UNIQUE. */
    UNIQUE
}
