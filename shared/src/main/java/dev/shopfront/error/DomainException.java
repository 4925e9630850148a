package dev.shopfront.error;

/** A failure the API reports to the client with a status of its own (see the HTTP adapter's error table). */
public abstract class DomainException extends RuntimeException {
    protected DomainException(String message) {
        super(message, null, false, false);
    }
}
