package dev.shopfront.imports;

import static dev.shopfront.devkit.testing.InjectedFailure.Moment.AFTER_APPLIED;
import static dev.shopfront.devkit.testing.InjectedFailure.Moment.BEFORE_SENDING;
import static dev.shopfront.devkit.testing.ProblemAssertions.assertProblem;
import static dev.shopfront.imports.StoredImports.number;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shopfront.config.Environment;
import dev.shopfront.config.Wiring;
import dev.shopfront.devkit.testing.Answer;
import dev.shopfront.devkit.testing.CapturedOutput;
import dev.shopfront.devkit.testing.InjectedFailure;
import dev.shopfront.queue.Redelivery;
import dev.shopfront.queue.sqs.SqsImportQueue;
import dev.shopfront.queue.sqs.SqsRedelivery;
import dev.shopfront.service.ImportQueue;
import dev.shopfront.service.ImportService;
import dev.shopfront.service.ProductImporter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The crash cases of docs/bulk-import.md: the consumer stopped between any two of its writes, or
 * storage out altogether, then the message delivered again; the starter facing a queue that refuses
 * messages or a record write that fails. Whatever happens, no item is counted twice, no product is
 * created twice, and no item is lost without a trace.
 */
class ImportCrashTest extends ImportsTestBed {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INVALID = "{\"name\":\"No currency\",\"price\":1}";
    /** 27 items, 2 invalid: the 25 valid ones make exactly one message. */
    private static final Map<Integer, String> TWO_INVALID = Map.of(5, INVALID, 17, INVALID);

    /** The functions' log lines during the test: their standard output. */
    @RegisterExtension
    final CapturedOutput output = new CapturedOutput();

    private String log() {
        return output.text();
    }

    static Stream<Arguments> consumerFailures() {
        return Stream.of(
                Arguments.of("import read fails", "GetItem", "ImportsTable", 1, BEFORE_SENDING),
                Arguments.of("1st product write fails", "PutItem", "ProductsTable", 1, BEFORE_SENDING),
                Arguments.of("1st product written, answer lost", "PutItem", "ProductsTable", 1, AFTER_APPLIED),
                Arguments.of("13th product write fails", "PutItem", "ProductsTable", 13, BEFORE_SENDING),
                Arguments.of("13th product written, answer lost", "PutItem", "ProductsTable", 13, AFTER_APPLIED),
                Arguments.of("last product write fails", "PutItem", "ProductsTable", 25, BEFORE_SENDING),
                Arguments.of("last product written, answer lost", "PutItem", "ProductsTable", 25, AFTER_APPLIED),
                Arguments.of("settle fails", "UpdateItem", "ImportsTable", 1, BEFORE_SENDING),
                Arguments.of("settled, answer lost", "UpdateItem", "ImportsTable", 1, AFTER_APPLIED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("consumerFailures")
    void consume_countsEveryItemOnceAndCreatesNoDuplicate_whenAWriteFailsAndTheMessageComesBack(
            String when, String operation, String table, int nth, InjectedFailure.Moment moment) {
        // given: one message of 25 items
        String id = api.started(owner, Items.body(27, TWO_INVALID));
        List<Message> messages = queue.receiveAll();
        assertEquals(1, messages.size());
        InjectedFailure failure = InjectedFailure.onCall(nth, operation, db.table(table), moment);

        // when: the consumer fails there
        QueueDeliveries.Delivery failed = queue.invoke(consumer(faulty.dynamoDb(db, failure)), messages);

        // then: the message is reported, and the counts are all or nothing
        assertEquals(1, failure.failures());
        assertEquals(Set.of(messages.getFirst().messageId()), failed.failedIds());
        assertTrue(log().contains(messages.getFirst().messageId()), log());
        Map<String, AttributeValue> record = stored.importRecord(id).orElseThrow();
        int created = number(record, "created");
        assertEquals(
                moment == AFTER_APPLIED && operation.equals("UpdateItem") ? 25 : 0,
                created,
                "counted " + created + " of 25");
        assertEquals(2, number(record, "failed"));

        // when: the queue delivers the message again, to a healthy consumer
        QueueDeliveries.Delivery again = queue.invoke(api.consumer(), messages);
        queue.delete(messages);

        // then
        assertTrue(again.failedIds().isEmpty());
        assertExactlyImported(id, 27, TWO_INVALID.keySet(), Set.of());
    }

    @Test
    void consume_reportsTheMessageAndCountsNothing_whenDynamoDbIsDown() {
        String id = api.started(owner, Items.body(27, TWO_INVALID));
        List<Message> messages = queue.receiveAll();
        Map<String, AttributeValue> before = stored.importRecord(id).orElseThrow();

        QueueDeliveries.Delivery failed =
                queue.invoke(consumer(faulty.dynamoDb(db, InjectedFailure.outage())), messages);

        assertEquals(Set.of(messages.getFirst().messageId()), failed.failedIds());
        assertEquals(before, stored.importRecord(id).orElseThrow(), "the record changed");
        assertTrue(stored.product(ProductImporter.productId(id, 0)).isEmpty());
        JsonNode line = readJson(output.lines().stream()
                .filter(l -> l.contains(messages.getFirst().messageId()))
                .findFirst()
                .orElseThrow());
        assertEquals("WARN", line.get("level").asText());
        assertTrue(line.get("causes").asText().contains("SdkClientException"), line::toString);

        assertTrue(queue.invoke(api.consumer(), messages).failedIds().isEmpty());
        queue.delete(messages);
        assertExactlyImported(id, 27, TWO_INVALID.keySet(), Set.of());
    }

    @Test
    void consume_bringsAMessageThatFailedOnStorageBackSoon_notAfterTheQueuesVisibilityTimeout() {
        // given: a queue that keeps a failed message away for a minute, as the template's does for 181 s
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String url = db.sqs()
                .createQueue(r -> r.queueName("imports-slow-" + suffix)
                        .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "60")))
                .queueUrl();
        QueueDeliveries queue = new QueueDeliveries(db.sqs(), url, arn(url));
        String id = ImportsApi.over(db, db.client(), new SqsImportQueue(db.sqs(), url), Clock.systemUTC())
                .started(owner, Items.body(27, TWO_INVALID));
        ImportProductsHandler duringTheOutage = new ImportProductsHandler(
                Wiring.productImporter(
                        Environment.of(db.environment()),
                        faulty.dynamoDb(db, InjectedFailure.outage()),
                        Clock.systemUTC()),
                new SqsRedelivery(db::sqs, url, Duration.ofSeconds(1)));
        assertEquals(1, queue.deliverOnce(duringTheOutage, 1).failedIds().size());
        long failedAt = System.nanoTime();

        // when: storage is back
        QueueDeliveries.Delivery again = null;
        while (again == null
                && System.nanoTime() - failedAt < Duration.ofSeconds(20).toNanos()) {
            again = queue.deliverOnce(api.consumer(), 1);
        }

        // then: the message came back in about a second, and the import finished
        assertTrue(again != null, "the message did not come back within 20 s");
        assertTrue(
                System.nanoTime() - failedAt < Duration.ofSeconds(10).toNanos(),
                "the message came back only after " + Duration.ofNanos(System.nanoTime() - failedAt));
        assertTrue(again.failedIds().isEmpty());
        queue.deleteSucceeded(again);
        assertExactlyImported(id, 27, TWO_INVALID.keySet(), Set.of());
    }

    @Test
    void consume_leavesTheMessageInTheDeadLetterQueue_afterItFailsAsOftenAsTheRedrivePolicyAllows() throws Exception {
        // given: a queue like the template's, but retrying after 1 s and giving up after 2 receives
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String deadUrl =
                db.sqs().createQueue(r -> r.queueName("imports-dead-" + suffix)).queueUrl();
        String deadArn = arn(deadUrl);
        String mainUrl = db.sqs()
                .createQueue(r -> r.queueName("imports-" + suffix)
                        .attributes(Map.of(
                                QueueAttributeName.VISIBILITY_TIMEOUT,
                                "1",
                                QueueAttributeName.REDRIVE_POLICY,
                                "{\"deadLetterTargetArn\":\"" + deadArn + "\",\"maxReceiveCount\":\"2\"}")))
                .queueUrl();
        QueueDeliveries main = new QueueDeliveries(db.sqs(), mainUrl, arn(mainUrl));
        QueueDeliveries dead = new QueueDeliveries(db.sqs(), deadUrl, deadArn);
        String id = ImportsApi.over(db, db.client(), new SqsImportQueue(db.sqs(), mainUrl), Clock.systemUTC())
                .started(owner, Items.body(27, TWO_INVALID));
        ImportProductsHandler failing = consumer(faulty.dynamoDb(db, InjectedFailure.outage()));

        // when: storage stays down while the poller keeps receiving
        List<String> receiveCounts = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (dead.held() == 0) {
            assertTrue(System.nanoTime() < deadline, "not in the dead-letter queue after receives " + receiveCounts);
            QueueDeliveries.Delivery delivery = main.deliverOnce(failing, 1);
            if (delivery != null) {
                assertEquals(1, delivery.failedIds().size());
                receiveCounts.add(delivery.messages()
                        .getFirst()
                        .attributes()
                        .get(
                                software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName
                                        .APPROXIMATE_RECEIVE_COUNT));
            }
        }

        // then: delivered twice, then kept in the dead-letter queue, nothing counted meanwhile
        assertEquals(List.of("1", "2"), receiveCounts);
        assertEquals(0, main.held());
        assertEquals(0, number(stored.importRecord(id).orElseThrow(), "created"));
        assertEquals("pending", api.get(owner, id).json().get("status").asText());

        // when: storage is back and someone replays the dead-letter queue
        List<QueueDeliveries.Delivery> replayed = dead.drain(api.consumer());

        // then
        assertEquals(1, replayed.size());
        assertExactlyImported(id, 27, TWO_INVALID.keySet(), Set.of());
    }

    @Test
    void start_sendsAFailedCallAgain_andQueuesEveryItem() {
        InjectedFailure firstCall = InjectedFailure.onCalls(1, 1, "SendMessageBatch", BEFORE_SENDING);
        ImportsApi starter =
                ImportsApi.over(db, db.client(), importQueue(faulty.sqs(db, firstCall)), Clock.systemUTC());

        String id = starter.started(owner, Items.body(27, TWO_INVALID));

        assertEquals(1, firstCall.failures());
        queue.drain(api.consumer());
        assertExactlyImported(id, 27, TWO_INVALID.keySet(), Set.of());
    }

    @Test
    void start_sendsAMessageAgainWhoseAnswerWasLost_andTheDuplicateCountsOnce() {
        InjectedFailure lostAnswer = InjectedFailure.onCalls(1, 1, "SendMessageBatch", AFTER_APPLIED);
        ImportsApi starter =
                ImportsApi.over(db, db.client(), importQueue(faulty.sqs(db, lostAnswer)), Clock.systemUTC());

        String id = starter.started(owner, Items.body(27, TWO_INVALID));

        assertEquals(2, queue.held(), "the message and its duplicate");
        queue.drain(api.consumer());
        assertExactlyImported(id, 27, TWO_INVALID.keySet(), Set.of());
    }

    @Test
    void start_settlesTheItemsTheQueueWouldNotTakeTwice_asFailedNamingThem() {
        // given: items of about 12 KiB, so each message is a call of its own; every call after the first fails
        String description = "é".repeat(2000);
        String body = Items.body(
                30,
                index -> "{\"name\":\"Wide " + index + "\",\"price\":2,\"currency\":\"EUR\",\"description\":\""
                        + description + "\"}");
        InjectedFailure afterFirst = InjectedFailure.onCalls(2, Integer.MAX_VALUE, "SendMessageBatch", BEFORE_SENDING);
        ImportsApi starter =
                ImportsApi.over(db, db.client(), importQueue(faulty.sqs(db, afterFirst)), Clock.systemUTC());

        // when
        Answer accepted = starter.start(owner, body);

        // then: the first message was queued; the others' items are failed, each named, and counted once
        assertEquals(202, accepted.status(), accepted::toString);
        Set<Integer> notQueued = new TreeSet<>();
        accepted.json().get("errors").forEach(error -> {
            assertTrue(error.get("field").isNull());
            assertEquals(ImportService.NOT_QUEUED, error.get("message").asText());
            notQueued.add(error.get("index").asInt());
        });
        assertTrue(!notQueued.isEmpty() && notQueued.size() < 30, "not queued: " + notQueued);
        assertEquals(notQueued.size(), accepted.json().get("failed").asInt());
        assertEquals(2, afterFirst.failures(), "the failed call was tried twice");

        queue.drain(api.consumer());
        JsonNode done = api.get(owner, accepted.id()).json();
        assertEquals("done", done.get("status").asText());
        assertEquals(30 - notQueued.size(), done.get("created").asInt());
        for (int index = 0; index < 30; index++) {
            assertEquals(
                    !notQueued.contains(index),
                    stored.product(ProductImporter.productId(accepted.id(), index))
                            .isPresent(),
                    "item " + index);
        }
    }

    @Test
    void start_failsEveryValidItemNamingIt_andIsDoneAtOnce_whenTheQueueIsOutOfReach() {
        ImportsApi starter = ImportsApi.over(
                db, db.client(), importQueue(faulty.sqs(db, InjectedFailure.outage())), Clock.systemUTC());

        Answer accepted = starter.start(owner, Items.body(27, TWO_INVALID));

        assertEquals(202, accepted.status(), accepted::toString);
        JsonNode started = accepted.json();
        assertEquals("done", started.get("status").asText());
        assertEquals(27, started.get("failed").asInt());
        assertEquals(27, started.get("errors").size());
        assertEquals(started, api.get(owner, accepted.id()).json());
        assertEquals(0, queue.held());
    }

    @Test
    void start_queuesNothingAndSettlesEverything_whenTheSendingBudgetIsSpent() {
        ImportQueue spent = new SqsImportQueue(db.sqs(), db.queueUrl("ImportQueue"), Duration.ZERO);
        ImportsApi starter = ImportsApi.over(db, db.client(), spent, Clock.systemUTC());

        Answer accepted = starter.start(owner, Items.body(27, TWO_INVALID));

        assertEquals("done", accepted.json().get("status").asText(), accepted::toString);
        assertEquals(27, accepted.json().get("failed").asInt());
        assertEquals(0, queue.held());
    }

    @Test
    void start_answers500AndQueuesNothing_whenTheImportRecordCannotBeWritten() {
        InjectedFailure failure = InjectedFailure.onCall(1, "PutItem", stored.importsTable(), BEFORE_SENDING);
        int before = stored.importsOf(owner).size();

        Answer failed = ImportsApi.over(db, faulty.dynamoDb(db, failure), ImportsApi.importQueue(db), Clock.systemUTC())
                .start(owner, Items.body(27, TWO_INVALID));

        assertProblem(failed, 500, "internal-error");
        assertTrue(
                log().contains("\"requestId\":\"" + failed.request().requestId() + "\""),
                "the log names the request id: " + log());
        assertEquals(before, stored.importsOf(owner).size());
        assertEquals(0, queue.held());
    }

    @Test
    void start_answers500AndQueuesNothing_whenTheRecordIsWrittenButTheAnswerLost() {
        // The client never learns the id: the record stays pending with nothing queued (docs/bulk-import.md).
        InjectedFailure failure = InjectedFailure.onCall(1, "PutItem", stored.importsTable(), AFTER_APPLIED);
        Set<String> before = ids(stored.importsOf(owner));

        Answer failed = ImportsApi.over(db, faulty.dynamoDb(db, failure), ImportsApi.importQueue(db), Clock.systemUTC())
                .start(owner, Items.body(27, TWO_INVALID));

        assertProblem(failed, 500, "internal-error");
        assertEquals(0, queue.held());
        List<Map<String, AttributeValue>> orphans = stored.importsOf(owner).stream()
                .filter(record -> !before.contains(record.get("id").s()))
                .toList();
        assertEquals(1, orphans.size());
        assertEquals(2, number(orphans.getFirst(), "failed"));
        assertEquals(0, number(orphans.getFirst(), "created"));
    }

    /** The import is done; its created items are exactly the valid ones not in {@code notQueued}, each with one product. */
    private void assertExactlyImported(String id, int total, Set<Integer> invalid, Set<Integer> notQueued) {
        JsonNode done = api.get(owner, id).json();
        assertEquals("done", done.get("status").asText(), done::toString);
        int failed = invalid.size() + notQueued.size();
        assertEquals(total - failed, done.get("created").asInt(), done::toString);
        assertEquals(failed, done.get("failed").asInt(), done::toString);
        Set<Integer> named = new HashSet<>();
        done.get("errors").forEach(error -> named.add(error.get("index").asInt()));
        Set<Integer> expectedNamed = new HashSet<>(invalid);
        expectedNamed.addAll(notQueued);
        assertEquals(expectedNamed, named);
        assertEquals(
                total, stored.importRecord(id).orElseThrow().get("settled").ns().size());
        Set<String> importIds = new HashSet<>();
        for (int index = 0; index < total; index++) {
            importIds.add(ProductImporter.productId(id, index));
        }
        long products = stored.productsOf(owner).stream()
                .filter(p -> importIds.contains(p.get("id").s()))
                .count();
        assertEquals(total - failed, products, "one product per created item");
    }

    private ImportProductsHandler consumer(DynamoDbClient client) {
        return new ImportProductsHandler(
                Wiring.productImporter(Environment.of(db.environment()), client, Clock.systemUTC()),
                Redelivery.AFTER_VISIBILITY_TIMEOUT);
    }

    private ImportQueue importQueue(SqsClient client) {
        return new SqsImportQueue(client, db.queueUrl("ImportQueue"));
    }

    private String arn(String queueUrl) {
        return db.sqs()
                .getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes()
                .get(QueueAttributeName.QUEUE_ARN);
    }

    private static Set<String> ids(List<Map<String, AttributeValue>> records) {
        Set<String> ids = new HashSet<>();
        records.forEach(record -> ids.add(record.get("id").s()));
        return ids;
    }

    private static JsonNode readJson(String line) {
        try {
            return JSON.readTree(line);
        } catch (Exception e) {
            throw new AssertionError("not one JSON line: " + line, e);
        }
    }
}
