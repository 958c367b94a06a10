package io.athanor.orm;

/**
 * An UPDATE or DELETE of a flush matched no row: the row was deleted, or its {@code @Version} was
 * changed by someone else. Nothing of that flush is kept: the transaction was rolled back. Retryable:
 * {@link SessionFactory#inTransaction} runs the work again, which then reads the current row.
 */
public class StaleObjectException extends OrmException {
    public StaleObjectException(String message) {
        super(message);
    }

    /** Always true: running the transaction again from its start reads the current version. */
    public boolean isRetryable() {
        return true;
    }
}
