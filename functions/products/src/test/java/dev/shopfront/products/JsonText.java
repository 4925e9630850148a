package dev.shopfront.products;

import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;

/** Request bodies written as text, so each value reaches the handler exactly as typed: {@code 10000000.01}, {@code "5"}, {@code 1.5}. */
final class JsonText {
    private JsonText() {
    }

    /** A JSON object from name and raw-JSON-value pairs; a null value leaves the property out. */
    static String object(String... namesAndRawValues) {
        List<String> properties = new ArrayList<>();
        for (int i = 0; i < namesAndRawValues.length; i += 2) {
            if (namesAndRawValues[i + 1] != null) {
                properties.add(string(namesAndRawValues[i]) + ":" + namesAndRawValues[i + 1]);
            }
        }
        return "{" + String.join(",", properties) + "}";
    }

    /** {@code value} as a JSON string literal. */
    static String string(String value) {
        return new TextNode(value).toString();
    }
}
