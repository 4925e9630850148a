package dev.shopfront.schema;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.node.POJONode;
import java.io.IOException;

/**
 * One item of an import, read as the tree it arrived as. A number in it whose exponent no {@code BigDecimal}
 * holds ({@code 1e999999999999}) fails that item, not the request (API.md: "An invalid item does not fail the
 * request"): the parser has read the number whole, so the rest of the item is skipped and an
 * {@link UnreadableItem} stands in for it. A number of more digits than the parser reads (1000) is refused while it is
 * read, which leaves the parser nowhere to go on from: that still fails the request (docs/bulk-import.md).
 */
public final class ImportItemDeserializer extends StdDeserializer<JsonNode> {
    @java.io.Serial
    private static final long serialVersionUID = 1L;

    public ImportItemDeserializer() {
        super(JsonNode.class);
    }

    @Override
    public JsonNode deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        int itemDepth = parser.getParsingContext().getNestingDepth();
        // The items array's depth: an object or array item has opened a level of its own.
        int listDepth = parser.currentToken().isStructStart() ? itemDepth - 1 : itemDepth;
        try {
            return context.readTree(parser);
        } catch (IOException | NumberFormatException refused) {
            if (!isNumberOutOfRange(refused)) {
                throw refused; // malformed JSON, nested too deeply, too long: the document is what was refused
            }
            String field = propertyOfItem(parser.getParsingContext(), listDepth);
            while (parser.getParsingContext().getNestingDepth() > listDepth) {
                if (parser.nextToken() == null) {
                    throw refused;
                }
            }
            return new POJONode(new UnreadableItem(field));
        }
    }

    /**
     * Whether the parser refused a number's exponent. It refuses one beyond a {@code BigDecimal}'s either with a
     * bare {@link NumberFormatException} or wrapped in its own exception, depending on the number's spelling.
     */
    private static boolean isNumberOutOfRange(Exception refused) {
        for (Throwable cause = refused; cause != null; cause = cause.getCause()) {
            if (cause instanceof NumberFormatException) {
                return true;
            }
        }
        return false;
    }

    /** The item's own property the parser was in, or null when the item itself is the number. */
    private static String propertyOfItem(JsonStreamContext position, int listDepth) {
        for (JsonStreamContext at = position; at != null; at = at.getParent()) {
            if (at.getNestingDepth() == listDepth + 1) {
                return at.inObject() ? at.getCurrentName() : null;
            }
        }
        return null;
    }

    /** An item holding a number out of every range, and the item's property it was in (null: the item itself). */
    public record UnreadableItem(String field) {}
}
