package dev.shopfront.error;

/** The caller is not signed in, or its credentials or token are not good (401). */
public final class UnauthorizedException extends DomainException {
    public UnauthorizedException(String message) {
        super(message);
    }
}
