package dev.shopfront.error;

/** The database could not be reached or refused a call: an outage, reported as 500 and never as "not found". */
public final class StorageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean unanswered;

    public StorageException(String message, Throwable cause) {
        this(message, cause, false);
    }

    private StorageException(String message, Throwable cause, boolean unanswered) {
        super(message, cause);
        this.unanswered = unanswered;
    }

    /**
     * A call the database did not answer within its whole time budget: one more call now would most likely wait as
     * long again, so a caller that could still make one (to record how a request ended) leaves it.
     */
    public static StorageException unanswered(String message, Throwable cause) {
        return new StorageException(message, cause, true);
    }

    /** Whether the call ran out its time budget without an answer (see {@link #unanswered(String, Throwable)}). */
    public boolean unanswered() {
        return unanswered;
    }
}
