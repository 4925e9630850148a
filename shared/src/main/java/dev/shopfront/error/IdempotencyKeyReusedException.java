package dev.shopfront.error;

/** An idempotency key sent again with another body (422): the key names one request, not any. */
public final class IdempotencyKeyReusedException extends DomainException {
    private static final long serialVersionUID = 1L;

    public IdempotencyKeyReusedException() {
        super("This Idempotency-Key was used with another request body; send a new key for a new request");
    }
}
