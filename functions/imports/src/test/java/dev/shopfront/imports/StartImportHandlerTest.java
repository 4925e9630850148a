package dev.shopfront.imports;

import static dev.shopfront.devkit.testing.ProblemAssertions.assertProblem;
import static dev.shopfront.imports.StoredImports.number;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shopfront.devkit.testing.Answer;
import dev.shopfront.http.FieldError;
import dev.shopfront.http.Json;
import dev.shopfront.http.RequestBodies;
import dev.shopfront.http.RequestRejectedException;
import dev.shopfront.schema.ImportRequest;
import dev.shopfront.schema.ProductCreate;
import dev.shopfront.service.ImportService;
import dev.shopfront.service.ProductImporter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code POST /products/imports} through to its products: the envelope decides 400/413, each item is
 * checked as {@code POST /products} checks its body, the valid ones reach the real queue (ElasticMQ)
 * and become products of the caller when the consumer gets them the way Lambda's poller hands them over.
 */
class StartImportHandlerTest extends ImportsTestBed {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> IMPORT_OUT_KEYS =
            List.of("id", "ownerId", "status", "total", "created", "failed", "errors", "createdAt", "updatedAt");

    private int importsBefore;
    private int productsBefore;

    @BeforeEach
    void setUp() {
        this.api = ImportsApi.over(db, db.client(), ImportsApi.importQueue(db), clock);
        this.importsBefore = stored.importsOf(owner).size();
        this.productsBefore = stored.productsOf(owner).size();
        assertEquals(0, queue.held(), "an earlier test left messages in the queue");
    }

    @Test
    void import_of45ItemsWith3Invalid_answers202_thenIsDoneWith42ProductsOfTheCaller() throws Exception {
        // when
        Answer accepted = api.start(owner, Items.body(45, Items.THREE_INVALID));

        // then: accepted, with the invalid items failed at once by index and field
        assertEquals(202, accepted.status(), accepted::toString);
        String id = accepted.id();
        assertEquals("/products/imports/" + id, accepted.header("Location"));
        assertEquals("application/json", accepted.header("Content-Type"));
        JsonNode started = accepted.json();
        assertEquals(IMPORT_OUT_KEYS, keys(started));
        assertEquals(JSON.readTree("""
            {"id": "%s", "ownerId": "%s", "status": "pending", "total": 45, "created": 0, "failed": 3,
             "errors": [
               {"index": 7, "field": "name", "message": "must be 1 to 200 characters after trimming"},
               {"index": 20, "field": "price", "message": "must have at most two decimal places"},
               {"index": 33, "field": "currency", "message": "must be an ISO 4217 currency code of three upper-case letters"}],
             "createdAt": "%s", "updatedAt": "%s"}
            """.formatted(id, owner, CREATED, CREATED)), started);
        assertEquals(2, queue.held(), "42 valid items: a message of 25 and one of 17");

        // when: the consumer gets every message from the queue
        List<QueueDeliveries.Delivery> deliveries = queue.drain(api.consumer());

        // then
        assertTrue(deliveries.stream().allMatch(d -> d.failedIds().isEmpty()), "no message failed");
        assertEquals(0, queue.held());
        JsonNode done = api.get(owner, id).json();
        assertEquals("done", done.get("status").asText());
        assertEquals(42, done.get("created").asInt());
        assertEquals(3, done.get("failed").asInt());
        assertEquals(started.get("errors"), done.get("errors"));
        assertImported(id, 45, Items.THREE_INVALID.keySet());
    }

    @Test
    void import_answersWithTheErrorsPostProductsAnswers_forEveryKindOfInvalidItem() {
        // given: items POST /products would refuse, one kind each, between valid ones
        List<String> invalid = List.of(
                "\"a string\"",
                "42",
                "null",
                "[]",
                "true",
                "{\"name\":\"Shoe\",\"price\":1,\"currency\":\"EUR\",\"colour\":\"red\"}",
                "{\"name\":1,\"price\":1,\"currency\":\"EUR\"}",
                "{\"name\":\"Shoe\",\"price\":\"1\",\"currency\":\"EUR\"}",
                "{\"name\":\"Shoe\",\"price\":1,\"currency\":\"EUR\",\"stock\":1.5}",
                "{\"name\":\"Shoe\",\"price\":null,\"currency\":\"EUR\"}",
                "{}",
                "{\"name\":\" "
                        + " \",\"price\":-1,\"currency\":\"eur\",\"stock\":-1,\"category\":\"Shoes\",\"description\":\""
                        + "d".repeat(2001) + "\"}",
                "{\"name\":\"" + "n".repeat(201) + "\",\"price\":10000000.01,\"currency\":\"XXX1\"}");
        String body =
                Items.body(invalid.size() * 2, index -> index % 2 == 0 ? invalid.get(index / 2) : Items.valid(index));

        // when
        Answer accepted = api.start(owner, body);

        // then: per invalid item, exactly POST /products's field errors (or one without a field for a non-object)
        assertEquals(202, accepted.status(), accepted::toString);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < invalid.size(); i++) {
            for (FieldError error : postProductsErrors(invalid.get(i))) {
                expected.add(i * 2 + " " + error.field() + " " + error.message());
            }
        }
        List<String> answered = new ArrayList<>();
        accepted.json()
                .get("errors")
                .forEach(e -> answered.add(e.get("index").asInt() + " "
                        + (e.get("field").isNull() ? "null" : e.get("field").asText()) + " "
                        + e.get("message").asText()));
        assertEquals(expected, answered);
        assertTrue(answered.contains("0 null must be a JSON object"), answered::toString);
        assertTrue(answered.contains("10 colour is not a known property"), answered::toString);
        assertTrue(answered.contains("12 name must be a string"), answered::toString);
        assertTrue(answered.contains("18 price must be a number"), answered::toString);
        assertEquals(invalid.size(), accepted.json().get("failed").asInt());

        queue.drain(api.consumer());
        JsonNode done = api.get(owner, accepted.id()).json();
        assertEquals("done", done.get("status").asText());
        assertEquals(invalid.size(), done.get("created").asInt());
        assertEquals(productsBefore + invalid.size(), stored.productsOf(owner).size(), "no invalid item is stored");
    }

    @Test
    void import_failsOnlyTheItem_whoseNumberNoTreeCanHold() {
        // given: numbers whose exponent no BigDecimal holds, in a field, with more of the item after them, and in
        // a nested unknown property, between valid items
        List<String> invalid = List.of(
                "{\"name\":\"a\",\"price\":1e999999999999,\"currency\":\"EUR\"}",
                "{\"name\":\"a\",\"price\":1,\"currency\":\"EUR\",\"stock\":1e99999999999}",
                "{\"name\":\"a\",\"price\":0e99999999999,\"currency\":\"EUR\",\"tags\":[{\"x\":[1]}]}",
                "{\"zz\":{\"deep\":[1e-2147483648]},\"name\":\"a\",\"price\":1,\"currency\":\"EUR\"}");

        // when imported, each with a valid item after it, then: each fails on its own, naming its property
        assertEachFailsAlone(
                invalid,
                List.of(
                        "0 price is out of range",
                        "2 stock is out of range",
                        "4 price is out of range",
                        "6 zz is out of range"));
    }

    @Test
    void import_failsOnlyTheItem_whoseNumberIsLongerThanABodyTakes() {
        // given: numbers of more digits than any body takes (Json.MAX_NUMBER_LENGTH), but fewer than the parser of a
        // list of items stops at, between valid items
        String digits101 = "1" + "0".repeat(Json.MAX_NUMBER_LENGTH);
        String digits1000 = "0." + "1".repeat(Json.MAX_LISTED_NUMBER_LENGTH - 1);
        List<String> invalid = List.of(
                "{\"name\":\"a\",\"price\":" + digits101 + ",\"currency\":\"EUR\"}",
                "{\"name\":\"a\",\"price\":1,\"currency\":\"EUR\",\"stock\":-" + digits101 + "}",
                "{\"name\":\"a\",\"price\":" + digits1000 + ",\"currency\":\"EUR\",\"stock\":" + digits101 + "}");

        // when imported, each with a valid item after it, then: each fails alone, as POST /products refuses such a
        // number, naming the field
        String tooLong = "is too long: a number has at most " + Json.MAX_NUMBER_LENGTH + " digits";
        assertEachFailsAlone(
                invalid,
                List.of("0 price " + tooLong, "2 stock " + tooLong, "4 price " + tooLong, "4 stock " + tooLong));
    }

    @Test
    void import_failsOnlyTheItem_thatNamesAPropertyTwice() {
        // given: items with a repeated property, at their top and inside a value, between valid items
        List<String> invalid = List.of(
                "{\"name\":\"a\",\"name\":\"b\",\"price\":1,\"currency\":\"EUR\"}",
                "{\"name\":\"a\",\"price\":1,\"currency\":\"EUR\",\"stock\":{\"n\":1,\"n\":2}}");

        // when imported, each with a valid item after it, then: each fails alone, naming the property of the item
        assertEachFailsAlone(invalid, List.of("0 name appears more than once", "2 stock appears more than once"));
    }

    @Test
    void import_answers400_whenTheBodyNamesAPropertyTwiceOutsideTheItems() {
        for (String body : List.of(
                "{\"items\":[" + Items.valid(0) + "],\"items\":[" + Items.valid(1) + "]}",
                "{\"items\":[" + Items.valid(0) + "],\"x\":1,\"x\":2}")) {
            Answer refused = api.start(owner, body);

            assertProblem(refused, 400, "malformed-json");
        }
        assertEquals(productsBefore, stored.productsOf(owner).size());
    }

    /**
     * Imports {@code invalid} with a valid item after each, and checks that each invalid one fails alone with
     * {@code errors} ("index field message", in the answer's order) and every valid one is created.
     */
    private void assertEachFailsAlone(List<String> invalid, List<String> errors) {
        String body =
                Items.body(invalid.size() * 2, index -> index % 2 == 0 ? invalid.get(index / 2) : Items.valid(index));

        Answer accepted = api.start(owner, body);

        assertEquals(202, accepted.status(), accepted::toString);
        List<String> answered = new ArrayList<>();
        accepted.json()
                .get("errors")
                .forEach(e -> answered.add(e.get("index").asInt() + " "
                        + e.get("field").asText() + " " + e.get("message").asText()));
        assertEquals(errors, answered);
        queue.drain(api.consumer());
        JsonNode done = api.get(owner, accepted.id()).json();
        assertEquals("done", done.get("status").asText(), done::toString);
        assertEquals(invalid.size(), done.get("created").asInt());
        assertEquals(invalid.size(), done.get("failed").asInt());
        assertEquals(productsBefore + invalid.size(), stored.productsOf(owner).size());
    }

    @Test
    void import_answers400_whenANumberIsLongerThanTheParserOfAListReads() {
        String body = "{\"items\":[{\"name\":\"a\",\"price\":" + "1".repeat(Json.MAX_LISTED_NUMBER_LENGTH + 1)
                + ",\"currency\":\"EUR\"}]}";

        Answer refused = api.start(owner, body);

        JsonNode problem = assertProblem(refused, 400, "validation-error", "items.[0].price");
        assertEquals(
                "is too long: a number has at most " + Json.MAX_LISTED_NUMBER_LENGTH + " digits",
                problem.get("errors").get(0).get("message").asText());
        assertNothingStoredOrQueued();
    }

    @Test
    void import_ofOnlyInvalidItems_isDoneAtOnce_andQueuesNothing() {
        Answer accepted = api.start(owner, Items.body(3, index -> "{\"name\":\"x\"}"));

        assertEquals(202, accepted.status(), accepted::toString);
        assertEquals("done", accepted.json().get("status").asText());
        assertEquals(3, accepted.json().get("failed").asInt());
        assertEquals(0, queue.held());
        assertEquals("done", api.get(owner, accepted.id()).json().get("status").asText());
        assertEquals(productsBefore, stored.productsOf(owner).size());
    }

    static Stream<Arguments> brokenEnvelopes() {
        String item = Items.valid(0);
        return Stream.of(
                Arguments.of("items missing", "{}", "validation-error", "items"),
                Arguments.of("items null", "{\"items\":null}", "invalid-body", "items"),
                Arguments.of("items empty", "{\"items\":[]}", "validation-error", "items"),
                Arguments.of(
                        "items a string",
                        "{\"items\":\"" + item.replace("\"", "\\\"") + "\"}",
                        "invalid-body",
                        "items"),
                Arguments.of("items an object", "{\"items\":" + item + "}", "invalid-body", "items"),
                Arguments.of("items a number", "{\"items\":1}", "invalid-body", "items"),
                Arguments.of(
                        "1,001 items", Items.body(ImportRequest.MAX_ITEMS + 1, Map.of()), "validation-error", "items"),
                Arguments.of(
                        "an unknown property beside items",
                        "{\"items\":[" + item + "],\"mode\":\"fast\"}",
                        "invalid-body",
                        "mode"),
                Arguments.of("body an array", "[" + item + "]", "invalid-body", null),
                Arguments.of("body malformed", "{\"items\":[" + item + "]", "malformed-json", null),
                Arguments.of(
                        "items given twice",
                        "{\"items\":[" + item + "],\"items\":[" + item + "]}",
                        "malformed-json",
                        null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenEnvelopes")
    void import_answers400AndStoresAndQueuesNothing_whenTheEnvelopeIsWrong(
            String broken, String body, String kind, String field) {
        Answer refused = api.start(owner, body);

        if (field == null) {
            assertProblem(refused, 400, kind);
        } else {
            assertProblem(refused, 400, kind, field);
        }
        assertNothingStoredOrQueued();
    }

    @Test
    void import_of1000Items_isAccepted() {
        Answer accepted = api.start(owner, Items.body(ImportRequest.MAX_ITEMS, Map.of()));

        assertEquals(202, accepted.status(), accepted::toString);
        assertEquals(1000, accepted.json().get("total").asInt());
        assertEquals(40, queue.held(), "1,000 items: 40 messages of 25");
        queue.delete(queue.receiveAll());
    }

    @Test
    void import_answers413_whenTheBodyIsOver1MiB_andAcceptsExactly1MiB() {
        String item = Items.valid(0);
        String exactly =
                "{\"items\":[" + item + "]" + " ".repeat(ImportRequest.MAX_BODY_BYTES - item.length() - 12) + "}";
        assertEquals(ImportRequest.MAX_BODY_BYTES, exactly.getBytes(StandardCharsets.UTF_8).length);

        assertProblem(api.start(owner, exactly + " "), 413, "payload-too-large");
        assertNothingStoredOrQueued();

        Answer accepted = api.start(owner, exactly);
        assertEquals(202, accepted.status(), accepted::toString);
        queue.drain(api.consumer());
        assertEquals("done", api.get(owner, accepted.id()).json().get("status").asText());
    }

    @Test
    void import_acceptsABodyOver64KiB_whichOtherRoutesRefuse() {
        String description = "Hand-stitched, ".repeat(30);
        String body = Items.body(
                200,
                index -> "{\"name\":\"Long " + index + "\",\"price\":5,\"currency\":\"EUR\",\"description\":\""
                        + description + "\"}");
        int bytes = body.getBytes(StandardCharsets.UTF_8).length;
        assertTrue(bytes > 64 * 1024 && bytes < ImportRequest.MAX_BODY_BYTES, "body of " + bytes + " bytes");

        Answer accepted = api.start(owner, body);

        assertEquals(202, accepted.status(), accepted::toString);
        queue.drain(api.consumer());
        JsonNode done = api.get(owner, accepted.id()).json();
        assertEquals(200, done.get("created").asInt());
        assertEquals(
                description.strip(),
                stored.product(ProductImporter.productId(accepted.id(), 199))
                        .orElseThrow()
                        .get("description")
                        .s()
                        .strip());
    }

    @Test
    void import_ofTheWorstErrorsA1MiBBodyCanHold_fitsTheImportRecord() {
        // given: 1,000 items failing five fields each, and as many as fit failing a sixth (description)
        String fiveFields = "\"name\":\"\",\"price\":1.999,\"currency\":\"x\",\"stock\":-1,\"category\":\"A\"";
        String sixFields = fiveFields + ",\"description\":\"" + "d".repeat(2001) + "\"";
        int withSix = (ImportRequest.MAX_BODY_BYTES - 12 - 1000 * (fiveFields.length() + 3))
                / (sixFields.length() - fiveFields.length());
        String body = Items.body(1000, index -> "{" + (index < withSix ? sixFields : fiveFields) + "}");
        assertTrue(body.length() <= ImportRequest.MAX_BODY_BYTES, "body of " + body.length() + " bytes");

        // when
        Answer accepted = api.start(owner, body);

        // then: every error is kept and read back
        assertEquals(202, accepted.status(), accepted::toString);
        int errors = 1000 * 5 + withSix;
        assertEquals(errors, accepted.json().get("errors").size());
        JsonNode done = api.get(owner, accepted.id()).json();
        assertEquals("done", done.get("status").asText());
        assertEquals(1000, done.get("failed").asInt());
        assertEquals(accepted.json().get("errors"), done.get("errors"));
    }

    @Test
    void import_ofFiveFailedFieldsAndUnknownPropertiesInEveryItem_fitsTheImportRecord() {
        // given: every item fails five fields, has three unknown properties with names of the longest
        // length an error repeats and more, and one field of the wrong type: nine entries per item
        String longName = "u".repeat(120); // an error repeats at most 100 characters of a name
        String item = "{\"name\":\"\",\"price\":1.999,\"currency\":\"x\",\"stock\":-1,\"category\":\"A\","
                + "\"description\":7,\"" + longName + "1\":0,\"" + longName + "2\":0,\"" + longName + "3\":0}";
        String body = Items.body(1000, index -> item);
        assertTrue(body.length() <= ImportRequest.MAX_BODY_BYTES, "body of " + body.length() + " bytes");

        // when
        Answer accepted = api.start(owner, body);

        // then: the first items list one entry per failed field, unknown properties included; once
        // the list is as long as the record can hold, each further item is named once; all is read back
        assertEquals(202, accepted.status(), accepted::toString);
        JsonNode errors = accepted.json().get("errors");
        for (int entry = 6; entry < 9; entry++) {
            assertEquals(
                    "is not a known property", errors.get(entry).get("message").asText());
            assertEquals(
                    longName.substring(0, 100) + "…",
                    errors.get(entry).get("field").asText());
        }
        Map<Integer, Integer> entriesPerItem = new TreeMap<>();
        errors.forEach(error -> entriesPerItem.merge(error.get("index").asInt(), 1, Integer::sum));
        assertEquals(1000, entriesPerItem.size());
        long listed =
                entriesPerItem.values().stream().filter(entries -> entries == 9).count();
        assertTrue(listed > 400, listed + " items listed in full");
        assertEquals(
                1000 - listed,
                entriesPerItem.values().stream().filter(entries -> entries == 1).count());
        JsonNode last = errors.get(errors.size() - 1);
        assertEquals(ImportService.ERRORS_FULL, last.get("message").asText());
        assertTrue(last.get("field").isNull(), last::toString);
        JsonNode done = api.get(owner, accepted.id()).json();
        assertEquals(1000, done.get("failed").asInt());
        assertEquals(errors, done.get("errors"));
    }

    @Test
    void import_answers401AndStoresNothing_withoutACaller() {
        Answer refused =
                api.call(ImportEvents.startImport(owner).withoutCaller().body(Items.body(2, Map.of())));

        assertProblem(refused, 401, "unauthorized");
        assertEquals(0, queue.held());
    }

    @Test
    void import_answers401AndStoresNothing_whenTheCallerWasDeleted() {
        String leaving = ImportsApi.registerUser(db, "leaving");
        ImportsApi.deleteUser(db, leaving);

        assertProblem(api.start(leaving, Items.body(2, Map.of())), 401, "unauthorized");
        assertTrue(stored.importsOf(leaving).isEmpty());
        assertEquals(0, queue.held());
    }

    @Test
    void import_answers415_whenTheBodyIsNotSentAsJson() {
        Answer refused = api.call(
                ImportEvents.startImport(owner).body(Items.body(2, Map.of())).header("content-type", "text/plain"));

        assertProblem(refused, 415, "unsupported-media-type");
        assertNothingStoredOrQueued();
    }

    @Test
    void import_ofTheSampleEvent_isAccepted() {
        Answer accepted = api.call(ImportEvents.startImport(owner));

        assertEquals(202, accepted.status(), accepted::toString);
        assertEquals(3, accepted.json().get("total").asInt());
        assertEquals(1, accepted.json().get("failed").asInt());
        queue.drain(api.consumer());
        assertEquals(2, api.get(owner, accepted.id()).json().get("created").asInt());
    }

    /**
     * The products of an import as stored: one per valid item (built by {@link Items#valid}), with the
     * id derived from the import and the index, owned by {@link #owner}, and nothing else of the owner's.
     */
    private void assertImported(String importId, int total, java.util.Set<Integer> invalid) {
        List<Map<String, AttributeValue>> products = stored.productsOf(owner);
        assertEquals(productsBefore + total - invalid.size(), products.size(), "one product per valid item, no more");
        for (int index = 0; index < total; index++) {
            var product = stored.product(ProductImporter.productId(importId, index));
            if (invalid.contains(index)) {
                assertTrue(product.isEmpty(), "invalid item " + index + " was stored");
                continue;
            }
            Map<String, AttributeValue> item = product.orElseThrow(() -> new AssertionError("no product for an item"));
            assertEquals(owner, item.get("ownerId").s());
            assertEquals("Item " + index, item.get("name").s());
            assertEquals(index + ".5", item.get("price").n());
            assertEquals("EUR", item.get("currency").s());
            assertEquals(index, number(item, "stock"));
            assertEquals("imported", item.get("category").s());
            assertEquals(1, number(item, "version"));
            assertEquals(CREATED, item.get("createdAt").s());
            assertEquals(CREATED, item.get("updatedAt").s());
        }
    }

    private void assertNothingStoredOrQueued() {
        assertEquals(importsBefore, stored.importsOf(owner).size(), "an import record was written");
        assertEquals(0, queue.held(), "a message was queued");
        assertEquals(productsBefore, stored.productsOf(owner).size());
    }

    /** What POST /products answers for this body: its field errors, or one entry without a field for a non-object. */
    private static List<FieldError> postProductsErrors(String item) {
        try {
            RequestBodies.read("application/json", item.getBytes(StandardCharsets.UTF_8), ProductCreate.class);
        } catch (RequestRejectedException rejected) {
            if (rejected.errors().isEmpty()) {
                return List.of(new FieldError(null, "must be a JSON object"));
            }
            return rejected.errors();
        }
        throw new AssertionError("POST /products accepts " + item);
    }

    static List<String> keys(JsonNode object) {
        List<String> keys = new ArrayList<>();
        object.fieldNames().forEachRemaining(keys::add);
        return keys;
    }
}
