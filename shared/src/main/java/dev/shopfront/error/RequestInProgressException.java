package dev.shopfront.error;

/** A request repeated with its idempotency key while the first is still being processed (409); retry later. */
public final class RequestInProgressException extends DomainException {
    private static final long serialVersionUID = 1L;

    public RequestInProgressException() {
        super("A request with this Idempotency-Key is still being processed; retry after it has finished");
    }
}
