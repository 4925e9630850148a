package dev.shopfront.devkit.testing;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.databind.util.RawValue;

/**
 * A JSON request body built property by property on Jackson, so a test writes values instead of escaped
 * quotes; a raw value is written exactly as typed ({@code 10000000.01}, {@code "5"}, {@code 1.50}), for
 * the bodies whose point is the text itself.
 */
public final class JsonBody {
    private final ObjectNode object = JsonNodeFactory.instance.objectNode();

    private JsonBody() {}

    /** An empty object to add properties to. */
    public static JsonBody object() {
        return new JsonBody();
    }

    /** A JSON object of string properties, from name-value pairs; a null value is written as JSON null. */
    public static String json(String... namesAndValues) {
        JsonBody body = object();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            body.with(namesAndValues[i], namesAndValues[i + 1]);
        }
        return body.toString();
    }

    /** A JSON object from name and raw-JSON-value pairs; a null value leaves the property out. */
    public static String raw(String... namesAndRawValues) {
        JsonBody body = object();
        for (int i = 0; i < namesAndRawValues.length; i += 2) {
            if (namesAndRawValues[i + 1] != null) {
                body.withRaw(namesAndRawValues[i], namesAndRawValues[i + 1]);
            }
        }
        return body.toString();
    }

    /** {@code value} as a JSON string literal, quotes and escapes included. */
    public static String string(String value) {
        return new TextNode(value).toString();
    }

    /** A string property; null is written as JSON null. */
    public JsonBody with(String name, String value) {
        object.put(name, value);
        return this;
    }

    /** A number property, written as Jackson writes the value's type. */
    public JsonBody with(String name, long value) {
        object.put(name, value);
        return this;
    }

    /** A boolean property. */
    public JsonBody with(String name, boolean value) {
        object.put(name, value);
        return this;
    }

    /** A property whose value is {@code rawJson}, written as it is, valid JSON or not. */
    public JsonBody withRaw(String name, String rawJson) {
        object.putRawValue(name, new RawValue(rawJson));
        return this;
    }

    /** The body's text. */
    @Override
    public String toString() {
        return object.toString();
    }
}
