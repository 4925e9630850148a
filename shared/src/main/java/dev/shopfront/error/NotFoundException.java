package dev.shopfront.error;

/** The addressed resource does not exist (404). */
public final class NotFoundException extends DomainException {
    public NotFoundException(String message) {
        super(message);
    }
}
