package io.athanor.orm;

/** An expired property of an object that has no session was read: there is nothing to load it with. */
public class DetachedInstanceException extends OrmException {
    public DetachedInstanceException(String message) {
        super(message);
    }
}
