package dev.shopfront.devkit.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shopfront.devkit.Dynalite;
import dev.shopfront.devkit.LocalDynamoDb;
import dev.shopfront.devkit.SamTemplate;
import dev.shopfront.devkit.TableDefinitions;
import dev.shopfront.devkit.streams.ChangeCapture.CapturedTable;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** The change capture over a real dynalite: calls pass through unchanged, and each table's writes become stream records. */
class ChangeCaptureTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SEQUENCE_NUMBER = Pattern.compile("^\\d{21}$");

    private static Dynalite dynalite;
    private static DynamoDbClient direct;
    private static Map<String, String> tables;

    private ChangeCapture capture;
    private DynamoDbClient client;

    @BeforeAll
    static void startDynalite() {
        dynalite = Dynalite.startInMemory();
        direct = LocalDynamoDb.client(dynalite.endpoint());
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        tables = new TableDefinitions(SamTemplate.ofRepository()).createAll(direct, id -> id + "-" + suffix);
    }

    @AfterAll
    static void stopDynalite() {
        direct.close();
        dynalite.close();
    }

    @BeforeEach
    void startCapture() {
        // The users table as the template declares it (OLD_IMAGE), the products table with both images.
        capture = ChangeCapture.start(
                dynalite.endpoint(),
                List.of(
                        new CapturedTable(tables.get("UsersTable"), "UsersTable", "OLD_IMAGE", List.of("id")),
                        new CapturedTable(
                                tables.get("ProductsTable"), "ProductsTable", "NEW_AND_OLD_IMAGES", List.of("id"))));
        client = LocalDynamoDb.client(capture.endpoint());
    }

    @AfterEach
    void stopCapture() {
        client.close();
        capture.close();
    }

    private static Map<String, AttributeValue> user(String id, String email) {
        return Map.of(
                "id",
                AttributeValue.fromS(id),
                "email",
                AttributeValue.fromS(email),
                "name",
                AttributeValue.fromS("Ada"));
    }

    private static Map<String, AttributeValue> key(String id) {
        return Map.of("id", AttributeValue.fromS(id));
    }

    private String users() {
        return tables.get("UsersTable");
    }

    private String products() {
        return tables.get("ProductsTable");
    }

    @Test
    void start_fromTheTemplate_capturesExactlyTheTablesWithAStream() {
        try (ChangeCapture fromTemplate =
                ChangeCapture.start(dynalite.endpoint(), SamTemplate.ofRepository(), tables)) {
            assertEquals(
                    List.of("UsersTable"),
                    fromTemplate.streams().stream().map(ChangeStream::logicalId).toList());
            ChangeStream stream = fromTemplate.streamOf("UsersTable");
            assertEquals(users(), stream.tableName());
            assertEquals("OLD_IMAGE", stream.viewType());
            assertThrows(IllegalArgumentException.class, () -> fromTemplate.streamOf("ProductsTable"));
        }
    }

    @Test
    void anOldImageStream_recordsInsertModifyAndRemove_withTheOldImageOnly() throws Exception {
        // given
        String id = UUID.randomUUID().toString();
        ChangeStream stream = capture.stream(users());

        // when
        client.putItem(r -> r.tableName(users()).item(user(id, "ada@example.com")));
        client.updateItem(r -> r.tableName(users())
                .key(key(id))
                .updateExpression("SET email = :email")
                .expressionAttributeValues(Map.of(":email", AttributeValue.fromS("ada@example.org"))));
        client.deleteItem(r -> r.tableName(users()).key(key(id)));

        // then
        List<ChangeRecord> records = stream.records();
        assertEquals(
                List.of("INSERT", "MODIFY", "REMOVE"),
                records.stream().map(ChangeRecord::eventName).toList());
        JsonNode insert = records.get(0).json();
        assertEquals(
                List.of(
                        "eventID",
                        "eventName",
                        "eventVersion",
                        "eventSource",
                        "awsRegion",
                        "dynamodb",
                        "eventSourceARN"),
                names(insert));
        assertEquals(
                List.of("ApproximateCreationDateTime", "Keys", "SequenceNumber", "SizeBytes", "StreamViewType"),
                names(insert.get("dynamodb")),
                "an insert has no old image");
        assertEquals(
                JSON.readTree("{\"id\": {\"S\": \"" + id + "\"}}"),
                insert.get("dynamodb").get("Keys"));
        JsonNode modify = records.get(1).json().get("dynamodb");
        assertEquals(
                "ada@example.com", modify.get("OldImage").get("email").get("S").asText());
        assertFalse(modify.has("NewImage"), "OLD_IMAGE carries no new image");
        JsonNode remove = records.get(2).json().get("dynamodb");
        assertEquals(
                JSON.readTree("{\"id\": {\"S\": \"" + id
                        + "\"}, \"email\": {\"S\": \"ada@example.org\"}, \"name\": {\"S\": \"Ada\"}}"),
                remove.get("OldImage"));
        assertEquals(JSON.readTree("{\"id\": {\"S\": \"" + id + "\"}}"), remove.get("Keys"));
        for (ChangeRecord record : records) {
            JsonNode json = record.json();
            assertEquals("aws:dynamodb", json.get("eventSource").asText());
            assertEquals("1.1", json.get("eventVersion").asText());
            assertEquals(LocalDynamoDb.REGION, json.get("awsRegion").asText());
            assertEquals(stream.streamArn(), json.get("eventSourceARN").asText());
            assertTrue(json.get("eventID").asText().matches("^[0-9a-f]{32}$"), json.toString());
            assertEquals("OLD_IMAGE", json.get("dynamodb").get("StreamViewType").asText());
            assertTrue(json.get("dynamodb").get("ApproximateCreationDateTime").isIntegralNumber());
            assertTrue(json.get("dynamodb").get("SizeBytes").asLong() > 0);
            assertEquals(
                    record.sequenceNumber(),
                    json.get("dynamodb").get("SequenceNumber").asText());
            assertTrue(SEQUENCE_NUMBER.matcher(record.sequenceNumber()).matches(), record.sequenceNumber());
        }
        assertTrue(records.get(0).sequence().compareTo(records.get(1).sequence()) < 0);
        assertTrue(records.get(1).sequence().compareTo(records.get(2).sequence()) < 0);
        assertTrue(
                stream.streamArn()
                        .matches("^arn:aws:dynamodb:us-east-1:\\d{12}:table/" + Pattern.quote(users())
                                + "/stream/\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}$"),
                stream.streamArn());
    }

    @Test
    void aNewAndOldImagesStream_carriesBothImages() {
        String id = UUID.randomUUID().toString();
        Map<String, AttributeValue> product = Map.of(
                "id",
                AttributeValue.fromS(id),
                "price",
                AttributeValue.fromN("19.99"),
                "tags",
                AttributeValue.fromSs(List.of("a", "b")),
                "ok",
                AttributeValue.fromBool(true));

        client.putItem(r -> r.tableName(products()).item(product));
        client.updateItem(r -> r.tableName(products())
                .key(key(id))
                .updateExpression("SET price = :p")
                .expressionAttributeValues(Map.of(":p", AttributeValue.fromN("5"))));

        List<ChangeRecord> records = capture.stream(products()).records();
        assertEquals(
                List.of("INSERT", "MODIFY"),
                records.stream().map(ChangeRecord::eventName).toList());
        JsonNode insert = records.get(0).json().get("dynamodb");
        assertFalse(insert.has("OldImage"));
        assertEquals(product, AttributeValueJson.fromJson(insert.get("NewImage")));
        JsonNode modify = records.get(1).json().get("dynamodb");
        assertEquals("19.99", modify.get("OldImage").get("price").get("N").asText());
        assertEquals("5", modify.get("NewImage").get("price").get("N").asText());
    }

    @Test
    void writesThatChangeNothing_orAreRefused_leaveNoRecord() {
        // given
        String id = UUID.randomUUID().toString();
        client.putItem(r -> r.tableName(users()).item(user(id, "same@example.com")));
        ChangeStream stream = capture.stream(users());
        int before = stream.size();

        // when: the same item again, a delete of nothing, a refused condition
        client.putItem(r -> r.tableName(users()).item(user(id, "same@example.com")));
        client.deleteItem(r -> r.tableName(users()).key(key(UUID.randomUUID().toString())));
        assertThrows(
                ConditionalCheckFailedException.class,
                () -> client.deleteItem(r -> r.tableName(users())
                        .key(key(id))
                        .conditionExpression("email = :other")
                        .expressionAttributeValues(Map.of(":other", AttributeValue.fromS("x@example.com")))));

        // then
        assertEquals(before, stream.size());
        assertTrue(
                direct.getItem(r -> r.tableName(users()).key(key(id))).hasItem(), "the refused delete changed nothing");
    }

    @Test
    void aBatchWrite_recordsEachItemInRequestOrder_andOnlyForCapturedTables() {
        // given
        String kept = UUID.randomUUID().toString();
        String removed = UUID.randomUUID().toString();
        client.putItem(r -> r.tableName(users()).item(user(removed, "old@example.com")));
        int before = capture.stream(users()).size();

        // when
        client.batchWriteItem(r -> r.requestItems(Map.of(
                users(),
                        List.of(
                                WriteRequest.builder()
                                        .putRequest(PutRequest.builder()
                                                .item(user(kept, "new@example.com"))
                                                .build())
                                        .build(),
                                WriteRequest.builder()
                                        .deleteRequest(DeleteRequest.builder()
                                                .key(key(removed))
                                                .build())
                                        .build()),
                tables.get("EmailsTable"),
                        List.of(WriteRequest.builder()
                                .putRequest(PutRequest.builder()
                                        .item(Map.of(
                                                "email",
                                                AttributeValue.fromS("new@example.com"),
                                                "userId",
                                                AttributeValue.fromS(kept)))
                                        .build())
                                .build()))));

        // then
        List<ChangeRecord> records = capture.stream(users())
                .records()
                .subList(before, capture.stream(users()).size());
        assertEquals(
                List.of("INSERT", "REMOVE"),
                records.stream().map(ChangeRecord::eventName).toList());
        assertEquals(
                kept,
                records.get(0)
                        .json()
                        .get("dynamodb")
                        .get("Keys")
                        .get("id")
                        .get("S")
                        .asText());
        assertEquals(
                removed,
                records.get(1)
                        .json()
                        .get("dynamodb")
                        .get("Keys")
                        .get("id")
                        .get("S")
                        .asText());
        assertEquals(
                "old@example.com",
                records.get(1)
                        .json()
                        .get("dynamodb")
                        .get("OldImage")
                        .get("email")
                        .get("S")
                        .asText());
        assertTrue(
                direct.getItem(r -> r.tableName(tables.get("EmailsTable"))
                                .key(Map.of("email", AttributeValue.fromS("new@example.com"))))
                        .hasItem(),
                "the uncaptured table's write went through");
    }

    @Test
    void concurrentWritersOfOneItem_takeTurns_soEveryRecordsOldImageIsThePreviousNewImage() throws Exception {
        // given
        String id = UUID.randomUUID().toString();
        client.putItem(r -> r.tableName(products())
                .item(Map.of("id", AttributeValue.fromS(id), "count", AttributeValue.fromN("0"))));
        int before = capture.stream(products()).size();

        // when: 40 increments from 8 threads, each through the capture
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                done.add(threads.submit(() -> client.updateItem(r -> r.tableName(products())
                        .key(key(id))
                        .updateExpression("ADD #count :one")
                        .expressionAttributeNames(Map.of("#count", "count"))
                        .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1")))
                        .returnValues(ReturnValue.UPDATED_NEW))));
            }
            for (Future<?> each : done) {
                each.get();
            }
        } finally {
            threads.shutdown();
        }

        // then: 40 records, counts 0->1, 1->2, ..., 39->40, in sequence order
        List<ChangeRecord> records = capture.stream(products()).records().subList(before, before + 40);
        assertEquals(before + 40, capture.stream(products()).size());
        for (int i = 0; i < records.size(); i++) {
            JsonNode images = records.get(i).json().get("dynamodb");
            assertEquals(
                    Integer.toString(i),
                    images.get("OldImage").get("count").get("N").asText(),
                    images.toString());
            assertEquals(
                    Integer.toString(i + 1),
                    images.get("NewImage").get("count").get("N").asText(),
                    images.toString());
        }
    }

    @Test
    void everyCall_passesThroughUnchanged_statusHeadersAndBody() throws Exception {
        // given: the same raw calls, one to dynalite and one through the capture
        HttpClient http = HttpClient.newHttpClient();
        String describe = "{\"TableName\": \"" + users() + "\"}";
        String missing = "{\"TableName\": \"no-such-table\"}";

        for (String body : List.of(describe, missing)) {
            HttpResponse<String> straight =
                    http.send(raw(dynalite.endpoint(), "DescribeTable", body), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> through =
                    http.send(raw(capture.endpoint(), "DescribeTable", body), HttpResponse.BodyHandlers.ofString());

            assertEquals(straight.statusCode(), through.statusCode());
            assertEquals(straight.body(), through.body());
            for (String header : List.of("content-type", "x-amzn-requestid", "x-amz-crc32")) {
                assertEquals(
                        straight.headers().firstValue(header).isPresent(),
                        through.headers().firstValue(header).isPresent(),
                        header);
            }
            assertEquals(
                    straight.headers().firstValue("x-amz-crc32"),
                    through.headers().firstValue("x-amz-crc32"),
                    "same body, same checksum");
        }
        assertEquals(
                400,
                http.send(raw(capture.endpoint(), "DescribeTable", missing), HttpResponse.BodyHandlers.ofString())
                        .statusCode());
    }

    @Test
    void aCallThroughTheCapture_failsAsACallWould_whenTheServerBehindIsDown() throws IOException {
        URI closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
        try (ChangeCapture nowhere = ChangeCapture.start(
                        closed, List.of(new CapturedTable("Users", "UsersTable", "OLD_IMAGE", List.of("id"))));
                DynamoDbClient failing = LocalDynamoDb.clientBuilder(nowhere.endpoint())
                        .overrideConfiguration(o -> o.retryStrategy(b -> b.maxAttempts(1)))
                        .build()) {
            assertThrows(
                    SdkException.class,
                    () -> failing.putItem(r -> r.tableName("Users").item(user("1", "a@example.com"))));
            assertThrows(
                    SdkException.class,
                    () -> failing.getItem(r -> r.tableName("Users").key(key("1"))));
            assertEquals(0, nowhere.stream("Users").size());
        }
    }

    private static HttpRequest raw(URI endpoint, String operation, String body) {
        return HttpRequest.newBuilder(endpoint.resolve("/"))
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", "DynamoDB_20120810." + operation)
                .header(
                        "Authorization",
                        "AWS4-HMAC-SHA256 Credential=local/20261125/us-east-1/dynamodb/aws4_request, "
                                + "SignedHeaders=host;x-amz-date;x-amz-target, Signature=0000")
                .header("X-Amz-Date", "20261125T120000Z")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
