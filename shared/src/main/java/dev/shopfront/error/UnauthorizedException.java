package dev.shopfront.error;

/** The caller is not signed in, or its credentials or token are not good (401). */
public final class UnauthorizedException extends DomainException {
    private static final long serialVersionUID = 1L;

    public UnauthorizedException(String message) {
        super(message);
    }
}
