package io.athanor.orm.internal.mapping;

import io.athanor.sql.Column;

/**
 * An attribute with a column: a property, or a reference (whose column is its foreign key). What
 * a bulk statement can set and a row holds.
 */
public sealed interface StoredAttribute permits PropertyMapping, ToOneMapping {
    /** The column (for a reference, its foreign key). */
    Column<?> column();

    /** The column's position in the table and in row arrays. */
    int slot();

    /** The attribute's index: its change and expiry bit. */
    int index();

    /** {@code 1L << index()}. */
    long bit();
}
