package dev.shopfront.error;

/** Another user holds the email address (409 "User already exists"). */
public final class EmailTakenException extends DomainException {
    private static final long serialVersionUID = 1L;

    public EmailTakenException() {
        super("User already exists");
    }
}
