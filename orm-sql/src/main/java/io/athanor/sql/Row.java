package io.athanor.sql;

/**
 * The current row of a result: the selected (or returned) columns, read with the dialect's value
 * types. Valid only during the {@link RowMapper} call it is passed to.
 */
public interface Row {
    /** Column {@code index} (from 0) of the select list, converted to its declared Java type. */
    <T> T get(int index);

    /** The value of a selected expression (a column or any other item of the select list). */
    <T> T get(Expression<T> selected);
}
