package io.athanor.sql;

/**
 * Turns the current {@link Row} into a value.
 *
 * @param <R> what a row becomes
 */
@FunctionalInterface
public interface RowMapper<R> {
    R map(Row row);
}
