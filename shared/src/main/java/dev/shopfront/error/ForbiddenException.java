package dev.shopfront.error;

/** The caller is signed in but may not act on this resource (403). */
public final class ForbiddenException extends DomainException {
    private static final long serialVersionUID = 1L;

    public ForbiddenException(String message) {
        super(message);
    }
}
