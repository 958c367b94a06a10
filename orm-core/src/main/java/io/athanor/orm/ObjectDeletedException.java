package io.athanor.orm;

/** The row behind an expired object is gone, so its values cannot be loaded; names the entity and key. */
public class ObjectDeletedException extends OrmException {
    public ObjectDeletedException(String message) {
        super(message);
    }
}
