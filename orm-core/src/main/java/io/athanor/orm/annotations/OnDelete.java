package io.athanor.orm.annotations;

/**
 * What the database does with the rows that reference a deleted row, written into the foreign
 * key's {@code ON DELETE} clause by {@code createTables()}; the session keeps its loaded objects
 * consistent with it when it deletes a parent.
 */
public enum OnDelete {
    /** The database refuses to delete a row that is still referenced (the default). */
    NO_ACTION,
    /** Deleting a row deletes the rows that reference it. */
    CASCADE,
    /** Deleting a row sets the referencing column of the rows that reference it to NULL. */
    SET_NULL
}
