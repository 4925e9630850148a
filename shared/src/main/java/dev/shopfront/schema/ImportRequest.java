package dev.shopfront.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * The body of {@code POST /products/imports}: the envelope only. Each item is kept as the JSON it
 * arrived as and checked on its own later, so one bad item never fails the request.
 */
public record ImportRequest(
        @NotNull(message = "is required")
        @Size(min = 1, max = ImportRequest.MAX_ITEMS, message = "must hold 1 to " + ImportRequest.MAX_ITEMS + " items")
        @JsonDeserialize(using = ImportItemsDeserializer.class)
        List<JsonNode> items)
        implements ItemList {

    /** The most items one import takes. */
    public static final int MAX_ITEMS = 1000;

    /** This route's body limit (1 MiB; the other routes take 64 KiB). */
    public static final int MAX_BODY_BYTES = 1024 * 1024;
}
