package dev.shopfront.http;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * JSON without databind: the responses a function writes, and the JSON it reads that it wrote itself or
 * that API Gateway sends (events, list cursors). jackson-jr over the project's jackson-core, so a function
 * that reads no request body never builds {@link Json#MAPPER}, whose construction and bean introspection
 * were a fifth of a read function's cold start (docs/decisions.md, "Responses and events without databind").
 * Request bodies, which must be read strictly, stay with {@link Json#MAPPER}.
 */
public final class PlainJson {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            // 10000000 stays 10000000 on the way out, never 1E+7.
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    /**
     * A record's properties in their declaration order and every null written as {@code null}, as the
     * contract's examples show them; a map's in its iteration order.
     */
    private static final JSON JR = JSON.builder(FACTORY)
            .enable(JSON.Feature.WRITE_NULL_PROPERTIES)
            .enable(JSON.Feature.WRITE_RECORD_FIELDS_IN_DECLARATION_ORDER)
            .enable(JSON.Feature.FAIL_ON_UNKNOWN_TYPE_WRITE)
            .build();

    private PlainJson() {}

    /** {@code value} (a record, map, list, string, number or boolean) as JSON text. */
    public static String write(Object value) {
        try {
            return JR.asString(value);
        } catch (IOException failure) {
            throw new IllegalStateException(
                    "Cannot write a value of type " + value.getClass().getName() + " as JSON", failure);
        }
    }

    /** As {@link #write}, in UTF-8. */
    public static byte[] writeBytes(Object value) {
        try {
            return JR.asBytes(value);
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    /**
     * A JSON object as a map: nested objects are maps, arrays lists, numbers {@link Integer}, {@link Long},
     * {@link java.math.BigInteger} or {@link Double}.
     *
     * @throws IOException when the input is not one JSON object
     */
    public static Map<String, Object> readObject(InputStream input) throws IOException {
        Map<String, Object> object = JR.mapFrom(input);
        if (object == null) {
            throw new IOException("Expected a JSON object, found null");
        }
        return object;
    }

    /** As {@link #readObject(InputStream)}, from bytes. */
    public static Map<String, Object> readObject(byte[] input) throws IOException {
        Map<String, Object> object = JR.mapFrom(input);
        if (object == null) {
            throw new IOException("Expected a JSON object, found null");
        }
        return object;
    }

    /**
     * A value of {@link #readObject}'s map as the text a header or parameter has: a string, number or boolean
     * as its text; null for null, an object or an array.
     */
    public static String scalarText(Object value) {
        return value instanceof String || value instanceof Number || value instanceof Boolean ? value.toString() : null;
    }

    /** A generator writing UTF-8 to {@code output}, for a document written field by field. */
    public static JsonGenerator generator(OutputStream output) throws IOException {
        return FACTORY.createGenerator(output, JsonEncoding.UTF8);
    }
}
