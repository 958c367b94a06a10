package io.athanor.orm;

/** Base of the ORM's unchecked exceptions. The JDBC or SQL-layer cause, if any, is kept. */
public class OrmException extends RuntimeException {
    public OrmException(String message) {
        super(message);
    }

    public OrmException(String message, Throwable cause) {
        super(message, cause);
    }
}
