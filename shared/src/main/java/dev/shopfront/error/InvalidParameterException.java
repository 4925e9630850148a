package dev.shopfront.error;

/** A query parameter the server cannot accept, such as a limit out of range or a cursor it did not issue (400). */
public final class InvalidParameterException extends DomainException {
    private static final long serialVersionUID = 1L;

    private final String parameter;

    public InvalidParameterException(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    /** The query parameter's name, as the client sent it. */
    public String parameter() {
        return parameter;
    }
}
