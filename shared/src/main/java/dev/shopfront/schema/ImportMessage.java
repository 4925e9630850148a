package dev.shopfront.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One message of the import queue: some valid items of one import, each with its index in the
 * request, as the JSON they arrived as.
 */
public record ImportMessage(String importId, String ownerId, List<Entry> items) {

    /** One item and its position in the request's {@code items}. */
    public record Entry(int index, JsonNode item) {}
}
