package dev.shopfront.error;

/** The database could not be reached or refused a call: an outage, reported as 500 and never as "not found". */
public final class StorageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
