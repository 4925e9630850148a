package dev.shopfront.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shopfront.config.Environment;
import dev.shopfront.config.Wiring;
import dev.shopfront.devkit.testing.CapturedOutput;
import dev.shopfront.devkit.testing.RecordingContext;
import dev.shopfront.devkit.testing.TestEvents;
import dev.shopfront.http.Json;
import dev.shopfront.queue.ImportMessages;
import dev.shopfront.queue.Redelivery;
import dev.shopfront.schema.ImportMessage;
import dev.shopfront.service.ProductImporter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The import queue's consumer: every message of an import delivered twice, one after the other or
 * at the same moment, still gives one product per valid item and exact counts; a message it cannot
 * read is reported alone.
 */
class ImportProductsHandlerTest extends ImportsTestBed {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The functions' log lines during the test: their standard output. */
    @RegisterExtension
    final CapturedOutput output = new CapturedOutput();

    private String log() {
        return output.text();
    }

    /** The one captured line that names {@code value} in field {@code field}. */
    private JsonNode lineWith(String field, String value) throws Exception {
        List<JsonNode> found = new ArrayList<>();
        for (String line : output.lines()) {
            JsonNode json = new ObjectMapper().readTree(line);
            if (value.equals(json.path(field).asText(null))) {
                found.add(json);
            }
        }
        assertEquals(1, found.size(), () -> "lines with " + field + " " + value + ": " + log());
        return found.getFirst();
    }

    @Test
    void consume_everyMessageTwiceInARow_stillCreates42ProductsWithExactCounts() {
        // given
        String id = api.started(owner, Items.body(45, Items.THREE_INVALID));
        List<Message> messages = queue.receiveAll();
        assertEquals(2, messages.size());

        // when: Lambda gets the same messages twice (at-least-once delivery)
        QueueDeliveries.Delivery first = queue.invoke(api.consumer(), messages);
        QueueDeliveries.Delivery second = queue.invoke(api.consumer(), messages);
        queue.delete(messages);

        // then
        assertTrue(first.failedIds().isEmpty() && second.failedIds().isEmpty());
        assertDone(id, 45, 42, 3);
    }

    @Test
    void consume_everyMessageTwiceAtTheSameMoment_stillCreates42ProductsWithExactCounts() throws Exception {
        // given: two consumers that both reach their first settle before either writes it
        String id = api.started(owner, Items.body(45, Items.THREE_INVALID));
        List<Message> messages = queue.receiveAll();
        CyclicBarrier bothAtSettle = new CyclicBarrier(2);
        AtomicInteger refusedSettles = new AtomicInteger();
        ImportProductsHandler one = consumer(meetAtFirstSettle(bothAtSettle, refusedSettles));
        ImportProductsHandler other = consumer(meetAtFirstSettle(bothAtSettle, refusedSettles));

        // when
        List<SQSBatchResponse> responses = concurrently(
                () -> queue.invoke(one, messages).response(),
                () -> queue.invoke(other, messages).response());
        queue.delete(messages);

        // then: one settle of the first message lost its condition, re-read and left the items to the other
        responses.forEach(response -> assertTrue(response.getBatchItemFailures().isEmpty()));
        assertTrue(refusedSettles.get() >= 1, "the two deliveries did not race");
        assertDone(id, 45, 42, 3);
    }

    @Test
    void consume_messagesThatShareItems_atTheSameMoment_settlesEachItemOnce() throws Exception {
        // given: an import of 10, and two messages for it that overlap on items 3 to 5
        String id = api.started(owner, Items.body(10, Map.of()));
        queue.delete(queue.receiveAll());
        String early = message(id, 0, 6);
        String late = message(id, 3, 10);
        CyclicBarrier bothAtSettle = new CyclicBarrier(2);
        AtomicInteger refusedSettles = new AtomicInteger();
        ImportProductsHandler one = consumer(meetAtFirstSettle(bothAtSettle, refusedSettles));
        ImportProductsHandler other = consumer(meetAtFirstSettle(bothAtSettle, refusedSettles));

        // when
        List<SQSBatchResponse> responses = concurrently(
                () -> one.handleRequest(sqsEvent(early), new RecordingContext()),
                () -> other.handleRequest(sqsEvent(late), new RecordingContext()));

        // then: the loser re-read the import and settled only the items the winner had not
        responses.forEach(response -> assertTrue(response.getBatchItemFailures().isEmpty()));
        assertEquals(1, refusedSettles.get());
        assertDone(id, 10, 10, 0);
    }

    @Test
    void consume_theSampleEvent_createsItsThreeProducts_forAStoredImport() throws Exception {
        // given: an import of the sample message's items, whose own message is set aside
        ObjectNode event = TestEvents.load("import-products-sqs.json");
        ObjectNode body = (ObjectNode)
                JSON.readTree(event.get("Records").get(0).get("body").asText());
        List<String> items = new ArrayList<>();
        body.get("items").forEach(entry -> items.add(entry.get("item").toString()));
        String id = api.started(owner, "{\"items\":[" + String.join(",", items) + "]}");
        queue.delete(queue.receiveAll());

        // when: the sample event, naming this import
        body.put("importId", id).put("ownerId", owner);
        ((ObjectNode) event.get("Records").get(0)).put("body", body.toString());
        SQSBatchResponse response =
                api.consumer().handleRequest(TestEvents.toLambdaEvent(SQSEvent.class, event), new RecordingContext());

        // then
        assertTrue(response.getBatchItemFailures().isEmpty());
        assertDone(id, 3, 3, 0);
        assertEquals(
                "Wool socks",
                stored.product(ProductImporter.productId(id, 2))
                        .orElseThrow()
                        .get("name")
                        .s());
    }

    @Test
    void consume_theSampleEvent_reportsItsMessage_forAnImportThatIsNotStored() {
        SQSEvent event = TestEvents.toLambdaEvent(SQSEvent.class, TestEvents.load("import-products-sqs.json"));
        RecordingContext context = new RecordingContext();

        SQSBatchResponse response = api.consumer().handleRequest(event, context);

        String messageId = event.getRecords().getFirst().getMessageId();
        assertEquals(
                List.of(messageId),
                response.getBatchItemFailures().stream()
                        .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                        .toList());
        assertTrue(log().contains(messageId), log());
        assertTrue(stored.product(ProductImporter.productId("3f6c2a1e-5b7d-4e8f-9a0b-1c2d3e4f5a6b", 0))
                .isEmpty());
    }

    @Test
    void consume_reportsOnlyTheMessageItCannotRead_andImportsTheOthers() throws Exception {
        // given: an import's message and a message that is not an import message, in one batch
        String id = api.started(owner, Items.body(10, Map.of()));
        db.sqs().sendMessage(r -> r.queueUrl(db.queueUrl("ImportQueue")).messageBody("{\"name\":\"a stray product\"}"));
        List<Message> messages = queue.receiveAll();
        assertEquals(2, messages.size());
        String stray = messages.stream()
                .filter(m -> m.body().contains("stray"))
                .findFirst()
                .orElseThrow()
                .messageId();

        // when
        QueueDeliveries.Delivery delivery = queue.invoke(api.consumer(), messages);

        // then: only the stray message comes back (and, five receives later, rests in the dead-letter queue)
        assertEquals(Set.of(stray), delivery.failedIds());
        assertDone(id, 10, 10, 0);
        JsonNode line = lineWith("messageId", stray);
        assertEquals("ERROR", line.get("level").asText());
        assertEquals(delivery.context().getAwsRequestId(), line.get("requestId").asText());
        assertEquals("1", line.get("receiveCount").asText());
        JsonNode batch = lineWith("message", "batch");
        assertEquals(2, batch.get("records").asInt());
        assertEquals(1, batch.get("failures").asInt());
        assertFalse(log().contains("stray product"), "the log repeats the message's body");
        queue.delete(messages);
    }

    @Test
    void consume_withTooLittleOfTheInvocationLeft_beginsNoMessage_andBringsEachBackSoon() throws Exception {
        // given: an import's message, and an invocation with less time left than a message is begun with
        String id = api.started(owner, Items.body(10, Map.of()));
        List<Message> messages = queue.receiveAll();
        List<String> broughtBack = new ArrayList<>();
        ImportProductsHandler consumer = new ImportProductsHandler(
                Wiring.productImporter(
                        Environment.of(db.environment()),
                        faulty.dynamoDb(db, new ExecutionInterceptor() {}),
                        Clock.systemUTC()),
                (receiptHandle, receiveCount) -> broughtBack.add(receiptHandle));
        RecordingContext nearlySpent = new RecordingContext(ImportProductsHandler.MESSAGE_RESERVE_MILLIS - 1);

        // when
        SQSBatchResponse response = consumer.handleRequest(queue.event(messages), nearlySpent);

        // then: every message reported and brought back soon, and nothing of the import done
        assertEquals(
                messages.stream().map(Message::messageId).toList(),
                response.getBatchItemFailures().stream()
                        .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                        .toList());
        assertEquals(messages.stream().map(Message::receiptHandle).toList(), broughtBack);
        JsonNode pending = api.get(owner, id).json();
        assertEquals("pending", pending.get("status").asText(), pending::toString);
        assertEquals(0, pending.get("created").asInt());
        assertTrue(stored.product(ProductImporter.productId(id, 0)).isEmpty());
        JsonNode line = lineWith("messageId", messages.getFirst().messageId());
        assertEquals("WARN", line.get("level").asText());
        assertTrue(line.get("message").asText().contains("not begun"), line::toString);

        // and: delivered again with time to spare, the import completes
        queue.invoke(api.consumer(), messages);
        assertDone(id, 10, 10, 0);
        queue.delete(messages);
    }

    private void assertDone(String importId, int total, int created, int failed) {
        JsonNode done = api.get(owner, importId).json();
        assertEquals("done", done.get("status").asText(), done::toString);
        assertEquals(total, done.get("total").asInt());
        assertEquals(created, done.get("created").asInt());
        assertEquals(failed, done.get("failed").asInt());
        assertEquals(failed, done.get("errors").size());
        var record = stored.importRecord(importId).orElseThrow();
        assertEquals(total, record.get("settled").ns().size(), "every index settled once");
        int products = 0;
        for (int index = 0; index < total; index++) {
            products +=
                    stored.product(ProductImporter.productId(importId, index)).isPresent() ? 1 : 0;
        }
        assertEquals(created, products, "one product per created item");
    }

    private ImportProductsHandler consumer(ExecutionInterceptor interceptor) {
        return new ImportProductsHandler(
                Wiring.productImporter(
                        Environment.of(db.environment()), faulty.dynamoDb(db, interceptor), Clock.systemUTC()),
                Redelivery.AFTER_VISIBILITY_TIMEOUT);
    }

    /** Holds this client's first settle (UpdateItem on the imports table) until the other one is there too; counts refused settles. */
    private ExecutionInterceptor meetAtFirstSettle(CyclicBarrier barrier, AtomicInteger refused) {
        String imports = stored.importsTable();
        AtomicInteger settles = new AtomicInteger();
        return new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (isSettle(context.request(), attributes) && settles.incrementAndGet() == 1) {
                    try {
                        barrier.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
                        throw new IllegalStateException("the other consumer never reached its settle", e);
                    }
                }
            }

            @Override
            public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
                if (isSettle(context.request(), attributes)) {
                    refused.incrementAndGet();
                }
            }

            private boolean isSettle(SdkRequest request, ExecutionAttributes attributes) {
                return "UpdateItem".equals(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))
                        && imports.equals(request.getValueForField("TableName", String.class)
                                .orElse(null));
            }
        };
    }

    /** The body of a message for items {@code from} (inclusive) to {@code to} of an import of {@link Items#valid} items. */
    private String message(String importId, int from, int to) throws Exception {
        List<ImportMessage.Entry> entries = new ArrayList<>();
        for (int index = from; index < to; index++) {
            entries.add(new ImportMessage.Entry(index, Json.MAPPER.readTree(Items.valid(index))));
        }
        return ImportMessages.encode(importId, owner, entries).getFirst().body();
    }

    /** The sample SQS event, carrying {@code body} instead of its own. */
    private static SQSEvent sqsEvent(String body) {
        ObjectNode event = TestEvents.load("import-products-sqs.json");
        ((ObjectNode) event.get("Records").get(0))
                .put("body", body)
                .put("messageId", java.util.UUID.randomUUID().toString());
        return TestEvents.toLambdaEvent(SQSEvent.class, event);
    }

    @SafeVarargs
    private static <T> List<T> concurrently(java.util.concurrent.Callable<T>... tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.length);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (var task : tasks) {
                futures.add(pool.submit(task));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(30, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
