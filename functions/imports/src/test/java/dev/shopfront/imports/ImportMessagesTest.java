package dev.shopfront.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shopfront.http.Json;
import dev.shopfront.queue.ImportMessages;
import dev.shopfront.schema.ImportMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How an import's items are cut into SQS messages and calls: 25 items a message, 10 messages a call, 256 KiB each. */
class ImportMessagesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String IMPORT = UUID.randomUUID().toString();
    private static final String OWNER = UUID.randomUUID().toString();

    @Test
    void encode_puts25ItemsInAMessage_inOrder() throws Exception {
        List<ImportMessages.Outgoing> messages = ImportMessages.encode(IMPORT, OWNER, entries(60, 0));

        assertEquals(
                List.of(25, 25, 10),
                messages.stream().map(m -> m.indexes().size()).toList());
        assertEquals(
                IntStream.range(0, 60).boxed().toList(),
                messages.stream().flatMap(m -> m.indexes().stream()).toList());
        JsonNode first = JSON.readTree(messages.getFirst().body());
        assertEquals(IMPORT, first.get("importId").asText());
        assertEquals(OWNER, first.get("ownerId").asText());
        assertEquals(0, first.get("items").get(0).get("index").asInt());
        assertEquals(JSON.readTree(item(0, 0)), first.get("items").get(0).get("item"));
    }

    @Test
    void encode_keepsEveryMessageWithin256KiB_whenItemsAreLarge() {
        // given: items of about 12 KiB each (1,000 emoji, each escaped as 12 bytes): 21 fit a message, not 25
        List<ImportMessage.Entry> entries = entries(1000, 2000);

        List<ImportMessages.Outgoing> messages = ImportMessages.encode(IMPORT, OWNER, entries);

        for (ImportMessages.Outgoing message : messages) {
            assertTrue(bytes(message) <= 256 * 1024, "message of " + bytes(message) + " bytes");
            assertEquals(message.bytes(), bytes(message), "the body is ASCII");
            assertTrue(message.indexes().size() < 25);
        }
        assertTrue(messages.stream().anyMatch(m -> bytes(m) > 240 * 1024), "messages are filled, not cut early");
        assertEquals(
                IntStream.range(0, 1000).boxed().toList(),
                messages.stream().flatMap(m -> m.indexes().stream()).toList());
    }

    @Test
    void encode_keepsTheItemsTextExactly_whateverItsCharacters() throws Exception {
        String name = "Café \uD83C\uDF75 \"quoted\" \\ tab\t and \u0001 control, \u2028 separator";
        ImportMessage.Entry entry = new ImportMessage.Entry(
                0,
                JSON.readTree("{\"name\":" + JSON.writeValueAsString(name) + ",\"price\":19.99,\"currency\":\"EUR\"}"));

        ImportMessages.Outgoing message =
                ImportMessages.encode(IMPORT, OWNER, List.of(entry)).getFirst();

        assertTrue(message.body().chars().allMatch(c -> c >= 0x20 && c < 0x7f), message.body());
        ImportMessage decoded = ImportMessages.decode(message.body());
        assertEquals(name, decoded.items().getFirst().item().get("name").asText());
        assertEquals(
                "19.99",
                decoded.items().getFirst().item().get("price").decimalValue().toPlainString());
    }

    @Test
    void batches_put10MessagesInACall_whenTheyAreSmall() {
        List<ImportMessages.Outgoing> messages = ImportMessages.encode(IMPORT, OWNER, entries(1000, 0));

        List<List<ImportMessages.Outgoing>> calls = ImportMessages.batches(messages);

        assertEquals(40, messages.size());
        assertEquals(List.of(10, 10, 10, 10), calls.stream().map(List::size).toList());
    }

    @Test
    void batches_keepEveryCallWithin256KiB_whenMessagesAreLarge() {
        List<ImportMessages.Outgoing> messages = ImportMessages.encode(IMPORT, OWNER, entries(300, 400));

        List<List<ImportMessages.Outgoing>> calls = ImportMessages.batches(messages);

        List<ImportMessages.Outgoing> flattened = new ArrayList<>();
        for (List<ImportMessages.Outgoing> call : calls) {
            int total = call.stream().mapToInt(ImportMessagesTest::bytes).sum();
            assertTrue(total <= 256 * 1024, "call of " + total + " bytes");
            assertTrue(call.size() <= 10);
            flattened.addAll(call);
        }
        assertEquals(messages, flattened, "every message once, in order");
        assertTrue(calls.size() > (messages.size() + 9) / 10, "the size, not the count, cut the calls");
    }

    @Test
    void encode_refusesAnItemTooLargeForAMessageOfItsOwn() throws Exception {
        ImportMessage.Entry huge =
                new ImportMessage.Entry(3, JSON.readTree("{\"name\":\"" + "x".repeat(256 * 1024) + "\"}"));

        IllegalArgumentException refused =
                assertThrows(IllegalArgumentException.class, () -> ImportMessages.encode(IMPORT, OWNER, List.of(huge)));
        assertTrue(refused.getMessage().contains("Item 3"), refused.getMessage());
    }

    @Test
    void decode_readsWhatEncodeWrote() {
        List<ImportMessage.Entry> entries = entries(3, 10);

        ImportMessage decoded = ImportMessages.decode(
                ImportMessages.encode(IMPORT, OWNER, entries).getFirst().body());

        assertEquals(new ImportMessage(IMPORT, OWNER, entries), decoded);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "",
                "not json",
                "[]",
                "{}",
                "{\"importId\":\"x\",\"ownerId\":\"o\",\"items\":[{\"index\":0,\"item\":{}}]}",
                "{\"ownerId\":\"o\",\"items\":[{\"index\":0,\"item\":{}}]}",
                "{\"importId\":\"3f6c2a1e-5b7d-4e8f-9a0b-1c2d3e4f5a6b\",\"ownerId\":\"o\",\"items\":[]}",
                "{\"importId\":\"3f6c2a1e-5b7d-4e8f-9a0b-1c2d3e4f5a6b\",\"ownerId\":\"o\",\"items\":[{\"item\":{}}]}",
                "{\"importId\":\"3f6c2a1e-5b7d-4e8f-9a0b-1c2d3e4f5a6b\",\"ownerId\":\"o\",\"items\":[{\"index\":0,\"item\":{}}],\"more\":1}"
            })
    void decode_refusesWhatIsNotAnImportMessage(String body) {
        assertThrows(IllegalArgumentException.class, () -> ImportMessages.decode(body));
    }

    /** Items whose description has {@code wide} UTF-16 characters outside ASCII: emoji, each escaped as 12 bytes. */
    private static List<ImportMessage.Entry> entries(int count, int wide) {
        List<ImportMessage.Entry> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            try {
                entries.add(new ImportMessage.Entry(i, Json.MAPPER.readTree(item(i, wide))));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return entries;
    }

    private static String item(int index, int wide) {
        return "{\"name\":\"Item " + index + "\",\"price\":1.5,\"currency\":\"EUR\",\"description\":\""
                + "\uD83C\uDF75".repeat(wide / 2) + "é".repeat(wide % 2) + "\"}";
    }

    /** A message's size as SQS counts it: its body's UTF-8 bytes. */
    private static int bytes(ImportMessages.Outgoing message) {
        return message.body().getBytes(StandardCharsets.UTF_8).length;
    }
}
