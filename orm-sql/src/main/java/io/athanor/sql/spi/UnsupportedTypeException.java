package io.athanor.sql.spi;

import io.athanor.sql.SqlException;

/** A Java type the dialect cannot bind or store; names the type, the dialect and where it was used. */
public class UnsupportedTypeException extends SqlException {
    public UnsupportedTypeException(Dialect dialect, Class<?> type, String where) {
        super(where + ": the " + dialect.name() + " dialect cannot store values of type " + type.getName());
    }
}
