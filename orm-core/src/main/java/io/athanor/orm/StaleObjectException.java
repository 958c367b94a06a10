package io.athanor.orm;

/**
 * An UPDATE or DELETE of a flush matched no row: the row was deleted, or its {@code @Version} was
 * changed by someone else. Nothing of that flush is kept: the transaction was rolled back.
 */
public class StaleObjectException extends OrmException {
    public StaleObjectException(String message) {
        super(message);
    }
}
