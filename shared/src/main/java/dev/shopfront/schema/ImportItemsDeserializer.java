package dev.shopfront.schema;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * An import's {@code items}: a JSON array, each element read by {@link ImportItemDeserializer} (a {@code null} element
 * stays null, for the item rules to refuse on its own). {@code "items": null} is the wrong JSON type, as a
 * {@code null} for any other request property is; {@code items} left out stays absent, for the request's rules
 * ("is required").
 */
public final class ImportItemsDeserializer extends StdDeserializer<List<JsonNode>> {
    @java.io.Serial
    private static final long serialVersionUID = 1L;

    private static final ImportItemDeserializer ITEM = new ImportItemDeserializer();

    public ImportItemsDeserializer() {
        super(List.class);
    }

    @Override
    public List<JsonNode> deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (!parser.isExpectedStartArrayToken()) {
            throw MismatchedInputException.from(parser, List.class, "items must be an array");
        }
        List<JsonNode> items = new ArrayList<>();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            items.add(token == JsonToken.VALUE_NULL ? null : ITEM.deserialize(parser, context));
        }
        return items;
    }

    @Override
    public List<JsonNode> getNullValue(DeserializationContext context) throws JsonMappingException {
        throw MismatchedInputException.from(context.getParser(), List.class, "null is not a value of items");
    }

    @Override
    public Object getAbsentValue(DeserializationContext context) {
        return null;
    }
}
