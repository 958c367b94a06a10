package io.athanor.sql.spi;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
        Objects.requireNonNull(javaType, "javaType");
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
            public String toString() {
                return javaType.getSimpleName() + " as " + ddlType;
            }
        };
    }
}
