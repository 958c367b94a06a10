package io.athanor.sql.spi;

import java.sql.SQLDataException;

/**
 * What a column of one type holds when given a value: the value itself, the value as the database
 * changes it on the way in (truncated to its precision, {@code -0.0} as {@code 0.0}), or a refusal
 * when the column cannot hold it. A {@link ValueType} applies its storage before every bind, and the
 * ORM's evaluator applies the same storage to the values it compares and computes, so both follow one
 * rule. Build them with {@link StorageRules}.
 *
 * @param <T> the Java type stored
 */
@FunctionalInterface
public interface Storage<T> {
    /**
     * The value a column holds after storing {@code value} (never null for a non-null value).
     *
     * @throws SQLDataException with an SQLState of class 22, naming the value and what the column
     *     holds, when the column cannot hold it
     */
    T stored(T value) throws SQLDataException;
}
