package dev.shopfront.http;

import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/**
 * A request body's scalar binding, which refuses JSON {@code null}. {@code null} is a JSON type of its own, and no
 * property of any request takes it: API.md makes a property of the wrong JSON type a 400, and {@code openapi.yaml}
 * types every request property without {@code null}. A property left out is still absent, not refused: the
 * request's own rules say which are required. Jackson's {@code Nulls.FAIL} cannot be used instead, as it refuses
 * an absent creator property too.
 */
abstract class RequestValueDeserializer<T> extends StdScalarDeserializer<T> {
    private static final long serialVersionUID = 1L;

    RequestValueDeserializer(Class<T> type) {
        super(type);
    }

    /** An explicit {@code null}: the wrong JSON type, reported for the property as any other ({@code RequestBodies}). */
    @Override
    public T getNullValue(DeserializationContext context) throws JsonMappingException {
        throw MismatchedInputException.from(context.getParser(), handledType(), "null is not a value of this property");
    }

    /** A property not in the body: absent, for the request's rules to judge. */
    @Override
    public Object getAbsentValue(DeserializationContext context) {
        return null;
    }
}
