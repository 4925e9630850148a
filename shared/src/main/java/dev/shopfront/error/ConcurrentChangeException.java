package dev.shopfront.error;

/** Another request changed the resource between this request's read and write (409); retrying is safe. */
public final class ConcurrentChangeException extends DomainException {
    private static final long serialVersionUID = 1L;

    public ConcurrentChangeException(String message) {
        super(message);
    }
}
