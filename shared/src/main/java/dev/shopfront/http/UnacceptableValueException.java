package dev.shopfront.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonMappingException;

/**
 * A JSON value of the right type that the binding refuses before anything computes with it (a number
 * too large or too precise, text that is not Unicode). Jackson adds the property path on its way out,
 * and {@link RequestBodies} answers a validation error naming that field with {@link #reason()}.
 */
final class UnacceptableValueException extends JsonMappingException {
    private static final long serialVersionUID = 1L;

    private final String reason;

    UnacceptableValueException(JsonParser parser, String reason) {
        super(parser, reason);
        this.reason = reason;
    }

    /** What is wrong with the value, written for clients (it becomes the field's message). */
    String reason() {
        return reason;
    }
}
