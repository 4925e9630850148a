package dev.shopfront.schema;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.POJONode;
import java.io.IOException;

/**
 * One item of an import, read as the tree it arrived as. Two things in it fail that item, not the request (API.md:
 * "An invalid item does not fail the request"), with an {@link UnreadableItem} standing in for it:
 *
 * <ul>
 *   <li>a number whose exponent no {@code BigDecimal} holds ({@code 1e999999999999}): the parser has read it whole,
 *       so the rest of the item is skipped;
 *   <li>a property named twice in the item, or in an object inside it. Every body is parsed with duplicate names
 *       refused, but the parser's refusal leaves it nowhere to go on from, so inside an item the parser's check is
 *       off and the tree's is on ({@code FAIL_ON_READING_DUP_TREE_KEY}, set by the reader of lists of items), which
 *       refuses the name after its value was read; a name repeated outside the items still fails the request.
 * </ul>
 *
 * A number of more digits than the parser reads (1000) is refused while it is read, which leaves the parser nowhere
 * to go on from: that still fails the request (docs/bulk-import.md).
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
        boolean strict = parser.isEnabled(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        if (strict && context.isEnabled(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)) {
            // For this item's levels only: the list's and the body's own levels keep their check.
            parser.disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        }
        try {
            return context.readTree(parser);
        } catch (IOException | NumberFormatException refused) {
            Reason reason = isNumberOutOfRange(refused)
                    ? Reason.OUT_OF_RANGE
                    : isRepeatedName(refused) ? Reason.REPEATED : null;
            if (reason == null) {
                throw refused; // malformed JSON, nested too deeply, too long: the document is what was refused
            }
            String field = propertyOfItem(parser.getParsingContext(), listDepth);
            while (parser.getParsingContext().getNestingDepth() > listDepth) {
                if (parser.nextToken() == null) {
                    throw refused;
                }
            }
            return new POJONode(new UnreadableItem(field, reason));
        } finally {
            if (strict) {
                parser.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            }
        }
    }

    /** The tree's refusal of a name its object already holds (the parser's own check is off inside an item). */
    private static boolean isRepeatedName(Exception refused) {
        return refused instanceof MismatchedInputException mismatch
                && JsonNode.class.equals(mismatch.getTargetType())
                && String.valueOf(mismatch.getOriginalMessage()).startsWith("Duplicate field");
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

    /** An item that could not be read whole, the item's property that was (null: the item itself), and why. */
    public record UnreadableItem(String field, Reason reason) {}

    /** Why an item could not be read. */
    public enum Reason {
        /** A number whose exponent no {@code BigDecimal} holds. */
        OUT_OF_RANGE,
        /** A property named twice in one object. */
        REPEATED
    }
}
