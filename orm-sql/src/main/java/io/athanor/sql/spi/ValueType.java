package io.athanor.sql.spi;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.util.Objects;

/**
 * How one Java type is stored by one dialect: its DDL type, how a value (or null) is bound to a
 * statement parameter, and how it is read back from a result column. Dialects hold one per type;
 * compiled statements keep the ones they need, so a value is bound without any type lookup.
 *
 * @param <T> the Java type
 */
public interface ValueType<T> {
    /** The Java type handled. */
    Class<T> javaType();

    /** The column type used in CREATE TABLE, e.g. {@code BIGINT}. */
    String ddlType();

    /** Binds {@code value}, which may be null, to parameter {@code index} (from 1). */
    void bind(PreparedStatement statement, int index, T value) throws SQLException;

    /** Reads column {@code index} (from 1) of the current row; null for SQL NULL. */
    T read(ResultSet resultSet, int index) throws SQLException;

    /**
     * Reads a column the schema declares NOT NULL. The default is {@link #read}; primitive types may
     * skip the {@code wasNull()} check, which some drivers (sqlite-jdbc) answer with a native call.
     */
    default T readNotNull(ResultSet resultSet, int index) throws SQLException {
        return read(resultSet, index);
    }

    /**
     * For a decimal stored as the integer v * 10^scale ({@link Decimals#scaledInteger}), that scale;
     * -1 for values stored as themselves (every other type). SQL compares and adds such integers
     * correctly only with integers of the same scale, so the compiler refuses to mix scales.
     */
    default int storedScale() {
        return -1;
    }

    /**
     * True when SQL can only test values stored this way for equality, because their stored order
     * is not the values' order (decimals stored as text, {@link Decimals#canonicalText}): the
     * compiler refuses ordered comparisons, ORDER BY and arithmetic on them.
     */
    default boolean equalityOnly() {
        return false;
    }

    /**
     * The value a column of this type holds after storing {@code value} (non-null): the same value,
     * or the value as the database changes it (truncated to its precision, {@code -0.0} as
     * {@code 0.0}). {@link #bind} applies it first, and the ORM's evaluator computes with it, so the
     * binder and the evaluator follow one rule. The default keeps every value.
     *
     * @throws SQLDataException (SQLState class 22) when the column cannot hold the value; it names the
     *     value and what the column holds
     */
    default T stored(T value) throws SQLDataException {
        return value;
    }

    /**
     * This value type with {@code storage} applied after this type's own {@link #stored} and before
     * every bind of a non-null value: how a dialect states its ranges and precision as data, e.g.
     * {@code JdbcTypes.doubles("DOUBLE").storing(StorageRules.doubles("MariaDB DOUBLE", false, false, false))}.
     */
    default ValueType<T> storing(Storage<T> storage) {
        Objects.requireNonNull(storage, "storage");
        ValueType<T> base = this;
        return new ValueType<>() {
            @Override
            public Class<T> javaType() {
                return base.javaType();
            }

            @Override
            public String ddlType() {
                return base.ddlType();
            }

            @Override
            public T stored(T value) throws SQLDataException {
                return storage.stored(base.stored(value));
            }

            @Override
            public void bind(PreparedStatement statement, int index, T value) throws SQLException {
                base.bind(statement, index, value == null ? null : storage.stored(value));
            }

            @Override
            public T read(ResultSet resultSet, int index) throws SQLException {
                return base.read(resultSet, index);
            }

            @Override
            public T readNotNull(ResultSet resultSet, int index) throws SQLException {
                return base.readNotNull(resultSet, index);
            }

            @Override
            public int storedScale() {
                return base.storedScale();
            }

            @Override
            public boolean equalityOnly() {
                return base.equalityOnly();
            }

            @Override
            public String toString() {
                return base.toString();
            }
        };
    }

    /** Sets a non-null value. */
    @FunctionalInterface
    interface Binder<T> {
        void bind(PreparedStatement statement, int index, T value) throws SQLException;
    }

    /** Reads a column, returning null for SQL NULL. */
    @FunctionalInterface
    interface Reader<T> {
        T read(ResultSet resultSet, int index) throws SQLException;
    }

    /**
     * A value type from its parts; nulls are bound with {@code setNull(index, sqlType)}, so the
     * binder only sees non-null values.
     */
    static <T> ValueType<T> of(Class<T> javaType, String ddlType, int sqlType, Binder<T> binder, Reader<T> reader) {
        return of(javaType, ddlType, sqlType, binder, reader, reader);
    }

    /** As {@link #of(Class, String, int, Binder, Reader)}, with a cheaper reader for NOT NULL columns. */
    static <T> ValueType<T> of(Class<T> javaType, String ddlType, int sqlType, Binder<T> binder, Reader<T> reader,
            Reader<T> notNullReader) {
        Objects.requireNonNull(javaType, "javaType");
        Objects.requireNonNull(notNullReader, "notNullReader");
        Objects.requireNonNull(ddlType, "ddlType");
        Objects.requireNonNull(binder, "binder");
        Objects.requireNonNull(reader, "reader");
        return new ValueType<>() {
            @Override
            public Class<T> javaType() {
                return javaType;
            }

            @Override
            public String ddlType() {
                return ddlType;
            }

            @Override
            public void bind(PreparedStatement statement, int index, T value) throws SQLException {
                if (value == null) {
                    statement.setNull(index, sqlType);
                } else {
                    binder.bind(statement, index, value);
                }
            }

            @Override
            public T read(ResultSet resultSet, int index) throws SQLException {
                return reader.read(resultSet, index);
            }

            @Override
            public T readNotNull(ResultSet resultSet, int index) throws SQLException {
                return notNullReader.read(resultSet, index);
            }

            @Override
            public String toString() {
                return javaType.getSimpleName() + " as " + ddlType;
            }
        };
    }
}
