package dev.shopfront.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;

/**
 * Binds a JSON string only when it is a sequence of Unicode scalar values. JSON lets an escape such
 * as {@code "\ud800"} name half a surrogate pair; such text cannot be stored as UTF-8 (DynamoDB would
 * keep a {@code ?}), so two different requests could become one value, and it is refused for every
 * string of every request body.
 */
final class ScalarTextDeserializer extends RequestValueDeserializer<String> {
    private static final long serialVersionUID = 1L;

    static final String NOT_UNICODE =
            "must be valid Unicode text: it holds a lone surrogate (\\ud800 to \\udfff without its pair)";

    ScalarTextDeserializer() {
        super(String.class);
    }

    @Override
    public LogicalType logicalType() {
        return LogicalType.Textual;
    }

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        // The standard binding keeps every coercion rule of the mapper (a number is not a string).
        String text = StringDeserializer.instance.deserialize(parser, context);
        if (text != null && !isScalarValues(text)) {
            throw new UnacceptableValueException(parser, NOT_UNICODE);
        }
        return text;
    }

    /** True when every surrogate in {@code text} is half of a well-formed pair. */
    static boolean isScalarValues(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
