package dev.shopfront.error;

/**
 * A failure the API reports to the client with a status of its own (see the HTTP adapter's error table).
 * Sealed: {@code ErrorMapping} switches over every kind, so a new failure without a status is a compile
 * error rather than a silent 500.
 */
public abstract sealed class DomainException extends RuntimeException
        permits ConcurrentChangeException,
                EmailTakenException,
                ForbiddenException,
                IdempotencyKeyReusedException,
                InvalidParameterException,
                NotFoundException,
                PreconditionFailedException,
                RequestInProgressException,
                UnauthorizedException {
    private static final long serialVersionUID = 1L;

    protected DomainException(String message) {
        super(message, null, false, false);
    }
}
