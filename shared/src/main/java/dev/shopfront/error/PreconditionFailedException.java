package dev.shopfront.error;

/** An {@code If-Match} version that is not the current one: nothing changed (412). */
public final class PreconditionFailedException extends DomainException {
    private static final long serialVersionUID = 1L;

    public PreconditionFailedException(String message) {
        super(message);
    }
}
