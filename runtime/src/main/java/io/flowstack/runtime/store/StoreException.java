package io.flowstack.runtime.store;

/** The database could not do what the engine asked. */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
