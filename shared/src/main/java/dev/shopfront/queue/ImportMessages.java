package dev.shopfront.queue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.shopfront.http.Json;
import dev.shopfront.schema.ImportMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The import queue's message format: the items of one import split into messages of at most 25
 * items and 256 KiB, and those into {@code SendMessageBatch} calls of at most 10 messages and
 * 256 KiB in all (SQS's limits for one message and for one call).
 */
public final class ImportMessages {
    public static final int MAX_ITEMS_PER_MESSAGE = 25;
    /** SQS's limit on one message's body, and on the bodies of one {@code SendMessageBatch} call together. */
    public static final int MAX_BYTES = 256 * 1024;

    public static final int MAX_MESSAGES_PER_CALL = 10;

    // Every character outside ASCII escaped: the body is then exactly as long in bytes as in
    // characters, and holds nothing SQS refuses (it takes only some Unicode characters).
    private static final ObjectWriter WRITER = Json.MAPPER.writer().with(JsonWriteFeature.ESCAPE_NON_ASCII);
    private static final ObjectReader READER =
            Json.MAPPER.readerFor(ImportMessage.class).with(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);
    private static final Pattern UUID =
            Pattern.compile("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");

    private ImportMessages() {}

    /**
     * One message to send.
     *
     * @param indexes the indexes of the items it carries, in order
     * @param body its JSON, ASCII only
     */
    public record Outgoing(List<Integer> indexes, String body) {
        public Outgoing {
            indexes = List.copyOf(indexes);
        }

        /** The body's size in bytes (ASCII: one byte per character). */
        public int bytes() {
            return body.length();
        }
    }

    /**
     * The items as messages {@code {"importId","ownerId","items":[{"index","item"}...]}}, in order,
     * each with at most {@link #MAX_ITEMS_PER_MESSAGE} items and {@link #MAX_BYTES} bytes.
     *
     * @throws IllegalArgumentException for an item too large for a message of its own (no valid
     *     product is: its text fields are bounded, far below 256 KiB even with every character escaped)
     */
    public static List<Outgoing> encode(String importId, String ownerId, List<ImportMessage.Entry> items) {
        String prefix = "{\"importId\":" + write(importId) + ",\"ownerId\":" + write(ownerId) + ",\"items\":[";
        String suffix = "]}";
        int envelope = prefix.length() + suffix.length();
        List<Outgoing> messages = new ArrayList<>();
        List<Integer> indexes = new ArrayList<>();
        StringBuilder body = new StringBuilder(prefix);
        for (ImportMessage.Entry entry : items) {
            String encoded = "{\"index\":" + entry.index() + ",\"item\":" + write(entry.item()) + "}";
            if (envelope + encoded.length() > MAX_BYTES) {
                throw new IllegalArgumentException("Item " + entry.index() + " is too large for a queue message");
            }
            boolean full = indexes.size() == MAX_ITEMS_PER_MESSAGE
                    || body.length() + 1 + encoded.length() + suffix.length() > MAX_BYTES;
            if (!indexes.isEmpty() && full) {
                messages.add(new Outgoing(indexes, body.append(suffix).toString()));
                indexes = new ArrayList<>();
                body = new StringBuilder(prefix);
            }
            if (!indexes.isEmpty()) {
                body.append(',');
            }
            body.append(encoded);
            indexes.add(entry.index());
        }
        if (!indexes.isEmpty()) {
            messages.add(new Outgoing(indexes, body.append(suffix).toString()));
        }
        return messages;
    }

    /** The messages grouped, in order, into calls of at most {@link #MAX_MESSAGES_PER_CALL} messages and {@link #MAX_BYTES} bytes. */
    public static List<List<Outgoing>> batches(List<Outgoing> messages) {
        List<List<Outgoing>> calls = new ArrayList<>();
        List<Outgoing> call = new ArrayList<>();
        int bytes = 0;
        for (Outgoing message : messages) {
            if (!call.isEmpty() && (call.size() == MAX_MESSAGES_PER_CALL || bytes + message.bytes() > MAX_BYTES)) {
                calls.add(List.copyOf(call));
                call = new ArrayList<>();
                bytes = 0;
            }
            call.add(message);
            bytes += message.bytes();
        }
        if (!call.isEmpty()) {
            calls.add(List.copyOf(call));
        }
        return calls;
    }

    /**
     * A message's body read back.
     *
     * @throws IllegalArgumentException when it is not an import message (it says no more: the body is the client's data)
     */
    public static ImportMessage decode(String body) {
        ImportMessage message;
        try {
            message = body == null ? null : READER.readValue(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "The message is not an import message: " + e.getClass().getSimpleName());
        }
        if (message == null
                || message.importId() == null
                || !UUID.matcher(message.importId()).matches()
                || message.ownerId() == null
                || message.ownerId().isBlank()
                || message.items() == null
                || message.items().isEmpty()
                || message.items().stream().anyMatch(entry -> entry == null || entry.item() == null)) {
            throw new IllegalArgumentException("The message is not an import message: a required part is missing");
        }
        return message;
    }

    private static String write(Object value) {
        try {
            return WRITER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write an import message", e);
        }
    }
}
