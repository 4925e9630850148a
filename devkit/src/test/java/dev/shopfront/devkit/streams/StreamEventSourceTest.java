package dev.shopfront.devkit.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shopfront.devkit.SamTemplate;
import dev.shopfront.devkit.streams.StreamEventSource.Delivery;
import dev.shopfront.devkit.streams.StreamEventSource.Settings;
import dev.shopfront.devkit.triggers.EventInvoker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The local event source against a toy function: batching, filtering, partial failures, bisection, retries, record age, destination. */
class StreamEventSourceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String QUEUE = "FailureQueue";

    private final ChangeStream stream = new ChangeStream(
            "Users-test",
            "UsersTable",
            "OLD_IMAGE",
            "arn:aws:dynamodb:us-east-1:000000000000:table/Users-test/stream/2026-11-25T12:00:00.000",
            "shardId-00000001795600000000-0badcafe");
    private final List<String[]> sent = new CopyOnWriteArrayList<>();
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final List<StreamEventSource> started = new ArrayList<>();
    private long sequence;

    @AfterEach
    void stop() {
        started.forEach(StreamEventSource::close);
    }

    /** A toy function: remembers the ids of each event's records, and answers what {@code behaviour} says (or throws). */
    private static final class ToyFunction implements EventInvoker {
        final List<List<String>> calls = new CopyOnWriteArrayList<>();
        final Function<List<JsonNode>, String> behaviour;

        ToyFunction(Function<List<JsonNode>, String> behaviour) {
            this.behaviour = behaviour;
        }

        @Override
        public byte[] invoke(byte[] eventJson) throws Exception {
            List<JsonNode> records = new ArrayList<>();
            JSON.readTree(eventJson).get("Records").forEach(records::add);
            calls.add(records.stream().map(StreamEventSourceTest::idOf).toList());
            String response = behaviour.apply(records);
            return response == null ? null : response.getBytes(StandardCharsets.UTF_8);
        }
    }

    private static String idOf(JsonNode record) {
        return record.get("dynamodb").get("Keys").get("id").get("S").asText();
    }

    private static String sequenceOf(JsonNode record) {
        return record.get("dynamodb").get("SequenceNumber").asText();
    }

    /** Appends a record for item {@code id}, captured {@code age} ago. */
    private ChangeRecord append(String id, String eventName, Duration age) {
        String sequenceNumber = String.format(Locale.ROOT, "%021d", ++sequence);
        ObjectNode json = JSON.createObjectNode();
        json.put("eventID", "e" + sequence);
        json.put("eventName", eventName);
        ObjectNode dynamodb = json.putObject("dynamodb");
        dynamodb.putObject("Keys").putObject("id").put("S", id);
        dynamodb.put("SequenceNumber", sequenceNumber);
        json.put("eventSourceARN", stream.streamArn());
        ChangeRecord record =
                new ChangeRecord(sequenceNumber, eventName, Instant.now().minus(age), json);
        stream.append(record);
        return record;
    }

    private List<ChangeRecord> appendRemovals(String... ids) {
        List<ChangeRecord> records = new ArrayList<>();
        for (String id : ids) {
            records.add(append(id, "REMOVE", Duration.ZERO));
        }
        return records;
    }

    private static Settings settings(int batchSize, boolean reportFailures, boolean bisect, int retries) {
        return new Settings(
                batchSize,
                Duration.ZERO,
                EventFilter.matchingAll(),
                reportFailures,
                bisect,
                retries,
                null,
                "TRIM_HORIZON",
                QUEUE);
    }

    private StreamEventSource start(Settings settings, EventInvoker function) {
        StreamEventSource source = new StreamEventSource(
                        "ToyFunction",
                        stream,
                        settings,
                        function,
                        (destination, message) -> sent.add(new String[] {destination, message}))
                .onDelivery(deliveries::add)
                .retryDelay(Duration.ofMillis(1))
                .start();
        started.add(source);
        return source;
    }

    private static void awaitCaughtUp(StreamEventSource source) throws InterruptedException {
        assertTrue(source.awaitCaughtUp(WAIT), "the event source did not get through the stream");
    }

    private static String failures(String... sequenceNumbers) {
        StringBuilder json = new StringBuilder("{\"batchItemFailures\": [");
        for (int i = 0; i < sequenceNumbers.length; i++) {
            json.append(i == 0 ? "" : ", ")
                    .append("{\"itemIdentifier\": \"")
                    .append(sequenceNumbers[i])
                    .append("\"}");
        }
        return json.append("]}").toString();
    }

    private JsonNode onlyMessageSent() throws Exception {
        assertEquals(
                1,
                sent.size(),
                () -> "messages sent: " + sent.stream().map(m -> m[1]).toList());
        assertEquals(QUEUE, sent.getFirst()[0]);
        return JSON.readTree(sent.getFirst()[1]);
    }

    @Test
    void settings_areTheTemplatesForTheCleanupFunction() {
        JsonNode properties = SamTemplate.ofRepository()
                .function("UserCleanupFunction")
                .properties()
                .path("Events")
                .path("UserRemoved")
                .path("Properties");

        Settings settings = Settings.of(properties);

        assertEquals(25, settings.batchSize());
        assertEquals(Duration.ofSeconds(1), settings.batchingWindow());
        assertTrue(settings.reportBatchItemFailures());
        assertTrue(settings.bisectBatchOnFunctionError());
        assertEquals(5, settings.maximumRetryAttempts());
        assertEquals(Duration.ofHours(6), settings.maximumRecordAge());
        assertEquals("TRIM_HORIZON", settings.startingPosition());
        assertEquals("UserCleanupFailureQueue", settings.onFailureDestination());
        assertTrue(settings.filter().matches(JSON.createObjectNode().put("eventName", "REMOVE")));
        assertFalse(settings.filter().matches(JSON.createObjectNode().put("eventName", "INSERT")));
    }

    @Test
    void settings_leftOut_areLambdasDefaults() {
        Settings settings = Settings.of(JSON.createObjectNode().put("StartingPosition", "LATEST"));

        assertEquals(100, settings.batchSize());
        assertEquals(Duration.ZERO, settings.batchingWindow());
        assertFalse(settings.reportBatchItemFailures());
        assertFalse(settings.bisectBatchOnFunctionError());
        assertEquals(-1, settings.maximumRetryAttempts());
        assertEquals(null, settings.maximumRecordAge());
        assertEquals(null, settings.onFailureDestination());
        assertThrows(
                IllegalArgumentException.class,
                () -> Settings.of(JSON.createObjectNode().put("StartingPosition", "AT_TIMESTAMP")));
    }

    @Test
    void records_areDeliveredInOrder_inBatchesOfBatchSize_eachOnce() throws Exception {
        appendRemovals("a", "b", "c", "d", "e", "f", "g");
        ToyFunction function = new ToyFunction(records -> null);

        awaitCaughtUp(start(settings(3, true, false, 0), function));

        assertEquals(List.of(List.of("a", "b", "c"), List.of("d", "e", "f"), List.of("g")), function.calls);
        assertEquals(
                List.of(3, 3, 1), deliveries.stream().map(Delivery::records).toList());
        deliveries.forEach(delivery -> {
            assertEquals("ToyFunction", delivery.function());
            assertEquals(0, delivery.failures());
            assertTrue(delivery.millis() >= 0);
        });
        assertTrue(sent.isEmpty());
    }

    @Test
    void eachInvocation_isReportedToTheTriggerLog_withTheFunctionsFailure() throws Exception {
        // given
        appendRemovals("a", "b");
        IllegalStateException down = new IllegalStateException("down");
        List<String> lines = new CopyOnWriteArrayList<>();
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        List<String> answers = new CopyOnWriteArrayList<>(List.of("fail"));
        ToyFunction function = new ToyFunction(batch -> {
            if (!answers.isEmpty() && answers.removeFirst().equals("fail")) {
                throw down;
            }
            return null;
        });
        StreamEventSource source = new StreamEventSource(
                        "ToyFunction",
                        stream,
                        settings(10, true, false, 3),
                        function,
                        (destination, message) -> sent.add(new String[] {destination, message}))
                .triggerLog((name, from, records, failed, millis, error) -> {
                    lines.add(name + " " + from + " " + records + " " + failed);
                    if (error != null) {
                        errors.add(error);
                    }
                })
                .retryDelay(Duration.ofMillis(1))
                .start();
        started.add(source);

        // when
        awaitCaughtUp(source);

        // then
        assertEquals(List.of("ToyFunction UsersTable 2 2", "ToyFunction UsersTable 2 0"), lines);
        assertEquals(List.of(down), errors);
    }

    @Test
    void theEvent_isADynamodbEventOfTheRecordsAsCaptured() throws Exception {
        ChangeRecord record = appendRemovals("a").getFirst();
        List<byte[]> events = new CopyOnWriteArrayList<>();

        awaitCaughtUp(start(settings(10, true, false, 0), event -> {
            events.add(event);
            return null;
        }));

        assertEquals(
                JSON.createObjectNode().set("Records", JSON.createArrayNode().add(record.json())),
                JSON.readTree(events.getFirst()));
    }

    @Test
    void recordsTheFilterRefuses_areNeverDelivered() throws Exception {
        append("a", "INSERT", Duration.ZERO);
        append("b", "REMOVE", Duration.ZERO);
        append("c", "MODIFY", Duration.ZERO);
        append("d", "REMOVE", Duration.ZERO);
        EventFilter removals = EventFilter.of(
                JSON.readTree("{\"Filters\": [{\"Pattern\": \"{\\\"eventName\\\": [\\\"REMOVE\\\"]}\"}]}"));
        ToyFunction function = new ToyFunction(records -> null);

        awaitCaughtUp(start(
                new Settings(10, Duration.ZERO, removals, true, false, 0, null, "TRIM_HORIZON", QUEUE), function));

        assertEquals(List.of(List.of("b", "d")), function.calls);
    }

    @Test
    void aPartialFailure_isRetriedFromTheLowestReportedSequenceNumber_andTheRecordsBeforeItAreDone() throws Exception {
        List<ChangeRecord> records = appendRemovals("a", "b", "c", "d", "e");
        String c = records.get(2).sequenceNumber();
        String d = records.get(3).sequenceNumber();
        ToyFunction function = new ToyFunction(batch -> batch.size() == 5 ? failures(d, c) : null);

        awaitCaughtUp(start(settings(10, true, true, 3), function));

        assertEquals(List.of(List.of("a", "b", "c", "d", "e"), List.of("c", "d", "e")), function.calls);
        assertEquals(List.of(3, 0), deliveries.stream().map(Delivery::failures).toList());
        assertTrue(sent.isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"batchItemFailures\": []}", "{\"batchItemFailures\": null}", "{}", "null", ""})
    void anEmptyOrMissingFailureList_isASuccess(String response) throws Exception {
        appendRemovals("a", "b");
        ToyFunction function = new ToyFunction(batch -> response);

        awaitCaughtUp(start(settings(10, true, false, 3), function));

        assertEquals(List.of(List.of("a", "b")), function.calls);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "not json",
                "\"done\"",
                "{\"batchItemFailures\": [{\"itemIdentifier\": \"\"}]}",
                "{\"batchItemFailures\": [{\"itemIdentifier\": null}]}",
                "{\"batchItemFailures\": [{\"itemId\": \"000000000000000000001\"}]}",
                "{\"batchItemFailures\": [{\"itemIdentifier\": \"999999999999999999999\"}]}",
                "{\"batchItemFailures\": {}}"
            })
    void aResponseLambdaCannotRead_failsTheWholeBatch(String response) throws Exception {
        appendRemovals("a", "b");
        List<String> answers = new CopyOnWriteArrayList<>(List.of(response));
        ToyFunction function = new ToyFunction(batch -> answers.isEmpty() ? null : answers.removeFirst());

        awaitCaughtUp(start(settings(10, true, false, 3), function));

        assertEquals(List.of(List.of("a", "b"), List.of("a", "b")), function.calls);
        assertEquals(2, deliveries.getFirst().failures());
    }

    @Test
    void withoutReportBatchItemFailures_theResponseIsIgnored() throws Exception {
        List<ChangeRecord> records = appendRemovals("a", "b");
        ToyFunction function =
                new ToyFunction(batch -> failures(records.getFirst().sequenceNumber()));

        awaitCaughtUp(start(settings(10, false, false, 3), function));

        assertEquals(List.of(List.of("a", "b")), function.calls);
    }

    @Test
    void aFunctionError_isBisectedUntilTheBadRecordIsAlone_whichIsRetriedThenSentToTheDestination() throws Exception {
        // given: the function fails any batch holding "c", retries 2
        List<ChangeRecord> records = appendRemovals("a", "b", "c", "d");
        ToyFunction function = new ToyFunction(batch -> {
            if (batch.stream().anyMatch(record -> idOf(record).equals("c"))) {
                throw new IllegalStateException("c cannot be processed");
            }
            return null;
        });

        // when
        awaitCaughtUp(start(settings(10, true, true, 2), function));

        // then: halves are tried without using a retry; "c" alone gets its 2 retries
        assertEquals(
                List.of(
                        List.of("a", "b", "c", "d"),
                        List.of("a", "b"),
                        List.of("c", "d"),
                        List.of("c"),
                        List.of("c"),
                        List.of("c"),
                        List.of("d")),
                function.calls);
        JsonNode message = onlyMessageSent();
        assertEquals(
                "RetryAttemptsExhausted",
                message.get("requestContext").get("condition").asText());
        assertEquals(
                5, message.get("requestContext").get("approximateInvokeCount").asInt(), "c was in 5 invocations");
        assertEquals(
                "arn:aws:lambda:us-east-1:000000000000:function:ToyFunction",
                message.get("requestContext").get("functionArn").asText());
        assertEquals(
                "Unhandled", message.get("responseContext").get("functionError").asText());
        assertEquals(200, message.get("responseContext").get("statusCode").asInt());
        assertEquals("1.0", message.get("version").asText());
        JsonNode info = message.get("DDBStreamBatchInfo");
        assertEquals(
                records.get(2).sequenceNumber(), info.get("startSequenceNumber").asText());
        assertEquals(
                records.get(2).sequenceNumber(), info.get("endSequenceNumber").asText());
        assertEquals(1, info.get("batchSize").asInt());
        assertEquals(stream.shardId(), info.get("shardId").asText());
        assertEquals(stream.streamArn(), info.get("streamArn").asText());
        assertTrue(
                info.get("approximateArrivalOfFirstRecord")
                        .asText()
                        .matches("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z$"),
                info.toString());
        assertEquals(
                List.of("requestContext", "responseContext", "version", "timestamp", "DDBStreamBatchInfo"),
                names(message));
    }

    @Test
    void aFunctionError_withoutBisection_retriesTheWholeBatch_thenDescribesItAll() throws Exception {
        List<ChangeRecord> records = appendRemovals("a", "b", "c");
        ToyFunction function = new ToyFunction(batch -> {
            throw new IllegalStateException("down");
        });

        awaitCaughtUp(start(settings(10, true, false, 2), function));

        assertEquals(3, function.calls.size(), "the first try and 2 retries");
        function.calls.forEach(call -> assertEquals(List.of("a", "b", "c"), call));
        JsonNode info = onlyMessageSent().get("DDBStreamBatchInfo");
        assertEquals(
                records.getFirst().sequenceNumber(),
                info.get("startSequenceNumber").asText());
        assertEquals(
                records.getLast().sequenceNumber(),
                info.get("endSequenceNumber").asText());
        assertEquals(3, info.get("batchSize").asInt());
    }

    @Test
    void aRecordReportedFailedEveryTime_isGivenUpOnWithTheRecordsAfterIt_andTheStreamMovesOn() throws Exception {
        // given: "b" always fails; retries 1
        List<ChangeRecord> records = appendRemovals("a", "b", "c");
        String b = records.get(1).sequenceNumber();
        ToyFunction function = new ToyFunction(
                batch -> batch.stream().anyMatch(record -> sequenceOf(record).equals(b)) ? failures(b) : null);

        // when
        StreamEventSource source = start(settings(10, true, true, 1), function);
        awaitCaughtUp(source);
        appendRemovals("d");
        awaitCaughtUp(source);

        // then
        assertEquals(List.of(List.of("a", "b", "c"), List.of("b", "c"), List.of("d")), function.calls);
        JsonNode message = onlyMessageSent();
        assertEquals(
                2, message.get("requestContext").get("approximateInvokeCount").asInt());
        assertFalse(message.get("responseContext").has("functionError"), "the function answered; it did not fail");
        assertEquals(
                b, message.get("DDBStreamBatchInfo").get("startSequenceNumber").asText());
        assertEquals(
                records.get(2).sequenceNumber(),
                message.get("DDBStreamBatchInfo").get("endSequenceNumber").asText());
        assertEquals(2, message.get("DDBStreamBatchInfo").get("batchSize").asInt());
    }

    @Test
    void recordsOlderThanTheMaximumAge_areNotDelivered_butDescribedInTheDestination() throws Exception {
        ChangeRecord old = append("old", "REMOVE", Duration.ofHours(7));
        append("new", "REMOVE", Duration.ZERO);
        ToyFunction function = new ToyFunction(batch -> null);

        awaitCaughtUp(start(
                new Settings(
                        10,
                        Duration.ZERO,
                        EventFilter.matchingAll(),
                        true,
                        true,
                        5,
                        Duration.ofHours(6),
                        "TRIM_HORIZON",
                        QUEUE),
                function));

        assertEquals(List.of(List.of("new")), function.calls);
        JsonNode message = onlyMessageSent();
        assertEquals(
                "RecordAgeExceeded",
                message.get("requestContext").get("condition").asText());
        assertEquals(
                0, message.get("requestContext").get("approximateInvokeCount").asInt());
        assertEquals(
                old.sequenceNumber(),
                message.get("DDBStreamBatchInfo").get("startSequenceNumber").asText());
    }

    @Test
    void withoutADestination_recordsGivenUpOnAreDropped_andTheStreamMovesOn() throws Exception {
        appendRemovals("a", "b");
        ToyFunction function = new ToyFunction(batch -> {
            if (batch.stream().anyMatch(record -> idOf(record).equals("a"))) {
                throw new IllegalStateException("a fails");
            }
            return null;
        });
        StreamEventSource source = new StreamEventSource(
                        "ToyFunction",
                        stream,
                        new Settings(
                                1,
                                Duration.ZERO,
                                EventFilter.matchingAll(),
                                true,
                                false,
                                0,
                                null,
                                "TRIM_HORIZON",
                                null),
                        function,
                        null)
                .retryDelay(Duration.ofMillis(1))
                .start();
        started.add(source);

        awaitCaughtUp(source);

        assertEquals(List.of(List.of("a"), List.of("b")), function.calls);
    }

    @Test
    void aDestinationInTheSettings_needsAFailureDestination() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new StreamEventSource("ToyFunction", stream, settings(1, true, true, 0), event -> null, null));
    }

    @Test
    void latest_startsAfterTheRecordsAlreadyThere() throws Exception {
        appendRemovals("before");
        ToyFunction function = new ToyFunction(batch -> null);
        StreamEventSource source = start(
                new Settings(10, Duration.ZERO, EventFilter.matchingAll(), true, false, 0, null, "LATEST", QUEUE),
                function);

        appendRemovals("after");
        awaitCaughtUp(source);

        assertEquals(List.of(List.of("after")), function.calls);
    }

    @Test
    void theBatchingWindow_gathersRecordsArrivingWithinIt_andIsCappedAtOneSecondLocally() throws Exception {
        // given: a window of five minutes, as a deployed source might have
        ToyFunction function = new ToyFunction(batch -> null);
        StreamEventSource source = start(
                new Settings(
                        10,
                        Duration.ofMinutes(5),
                        EventFilter.matchingAll(),
                        true,
                        false,
                        0,
                        null,
                        "TRIM_HORIZON",
                        QUEUE),
                function);

        // when
        long started = System.nanoTime();
        appendRemovals("a");
        Thread.sleep(200);
        appendRemovals("b");
        awaitCaughtUp(source);

        // then: one batch, after about a second
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertEquals(List.of(List.of("a", "b")), function.calls);
        assertTrue(millis >= 900 && millis < 3_000, "delivered after " + millis + " ms");
    }

    @Test
    void close_stopsDelivering() throws Exception {
        ToyFunction function = new ToyFunction(batch -> null);
        StreamEventSource source = start(settings(10, true, false, 0), function);
        appendRemovals("a");
        awaitCaughtUp(source);

        source.close();
        appendRemovals("b");
        Thread.sleep(300);

        assertEquals(List.of(List.of("a")), function.calls);
        assertFalse(source.awaitCaughtUp(Duration.ofMillis(50)));
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
