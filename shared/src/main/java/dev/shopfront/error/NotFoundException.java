package dev.shopfront.error;

/** The addressed resource does not exist (404). */
public final class NotFoundException extends DomainException {
    private static final long serialVersionUID = 1L;

    public NotFoundException(String message) {
        super(message);
    }
}
