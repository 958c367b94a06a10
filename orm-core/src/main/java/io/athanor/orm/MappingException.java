package io.athanor.orm;

/** A class cannot be mapped as it is: the message names the class and the field at fault. */
public class MappingException extends OrmException {
    public MappingException(String message) {
        super(message);
    }

    public MappingException(String message, Throwable cause) {
        super(message, cause);
    }
}
