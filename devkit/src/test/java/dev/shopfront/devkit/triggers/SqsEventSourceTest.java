package dev.shopfront.devkit.triggers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shopfront.devkit.LocalSqs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The local SQS poller against ElasticMQ: what Lambda deletes, what comes back, what reaches the dead-letter queue. */
class SqsEventSourceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static LocalSqs server;
    private static SqsClient sqs;

    @BeforeAll
    static void startSqs() {
        server = LocalSqs.start();
        sqs = server.client();
    }

    @AfterAll
    static void stopSqs() {
        server.close();
    }

    @Test
    void deliversSQSEventRecords_andDeletesEveryMessage_whenTheFunctionSucceeds() throws Exception {
        Queue queue = queue(30, 5);
        send(queue, "a", "b", "c");
        List<JsonNode> events = new CopyOnWriteArrayList<>();

        try (SqsEventSource _ = start(queue, 10, event -> {
            events.add(JSON.readTree(event));
            return "{\"batchItemFailures\":[]}".getBytes();
        })) {
            await(() -> bodies(events).size() == 3);
        }

        assertEquals(List.of("a", "b", "c"), sorted(bodies(events)));
        JsonNode record = events.getFirst().path("Records").path(0);
        assertEquals("aws:sqs", record.path("eventSource").asText());
        assertEquals(queue.arn, record.path("eventSourceARN").asText());
        assertEquals(
                "1", record.path("attributes").path("ApproximateReceiveCount").asText());
        assertTrue(record.path("receiptHandle").isTextual()
                && record.path("md5OfBody").isTextual());
        assertEquals(0, visibleAndInFlight(queue.url));
    }

    @Test
    void keepsOnlyTheReportedMessages_andTheQueueMovesThemToTheDeadLetterQueueAfterMaxReceiveCount() throws Exception {
        Queue queue = queue(1, 2);
        send(queue, "ok-1", "fail", "ok-2");
        List<String> seen = new CopyOnWriteArrayList<>();

        try (SqsEventSource _ = start(queue, 10, event -> {
            List<String> failed = new ArrayList<>();
            for (JsonNode record : JSON.readTree(event).path("Records")) {
                seen.add(record.path("body").asText());
                if (record.path("body").asText().equals("fail")) {
                    failed.add(
                            "{\"itemIdentifier\":\"" + record.path("messageId").asText() + "\"}");
                }
            }
            return ("{\"batchItemFailures\":[" + String.join(",", failed) + "]}").getBytes();
        })) {
            await(() -> deadLetterCount(queue) == 1);
        }

        assertEquals(2, Collections.frequency(seen, "fail"), "delivered once per receive, maxReceiveCount 2");
        assertEquals(1, Collections.frequency(seen, "ok-1"));
        assertEquals(1, Collections.frequency(seen, "ok-2"));
        assertEquals(0, visibleAndInFlight(queue.url));
        assertEquals(
                "fail",
                sqs.receiveMessage(r -> r.queueUrl(queue.deadLetterUrl))
                        .messages()
                        .getFirst()
                        .body());
    }

    @Test
    void keepsTheWholeBatch_whenTheFunctionThrowsOrNamesAMessageNotInTheBatch() throws Exception {
        Queue queue = queue(1, 100);
        send(queue, "x", "y");
        List<String> seen = new CopyOnWriteArrayList<>();

        try (SqsEventSource _ = start(queue, 10, event -> {
            JsonNode records = JSON.readTree(event).path("Records");
            records.forEach(r -> seen.add(r.path("body").asText()));
            if (seen.size() <= 2) {
                throw new IllegalStateException("first delivery fails");
            }
            if (seen.size() <= 4) {
                return "{\"batchItemFailures\":[{\"itemIdentifier\":\"not-in-this-batch\"}]}".getBytes();
            }
            return new byte[0];
        })) {
            await(() -> seen.size() >= 6 && visibleAndInFlight(queue.url) == 0);
        }

        assertEquals(3, Collections.frequency(seen, "x"));
        assertEquals(3, Collections.frequency(seen, "y"));
    }

    @Test
    void deliversAtMostBatchSizeRecordsPerInvocation() throws Exception {
        Queue queue = queue(30, 5);
        String[] bodies = new String[7];
        for (int i = 0; i < bodies.length; i++) {
            bodies[i] = "m" + i;
        }
        send(queue, bodies);
        List<Integer> sizes = new CopyOnWriteArrayList<>();

        try (SqsEventSource _ = start(queue, 3, event -> {
            sizes.add(JSON.readTree(event).path("Records").size());
            return new byte[0];
        })) {
            await(() -> sizes.stream().mapToInt(Integer::intValue).sum() == 7);
        }

        assertTrue(sizes.stream().allMatch(size -> size >= 1 && size <= 3), sizes.toString());
    }

    private record Queue(String url, String arn, String deadLetterUrl) {}

    private static Queue queue(int visibilitySeconds, int maxReceiveCount) {
        String name = "q-" + UUID.randomUUID().toString().substring(0, 8);
        String deadLetterUrl = sqs.createQueue(r -> r.queueName(name + "-dlq")).queueUrl();
        String deadLetterArn = arn(deadLetterUrl);
        String url = sqs.createQueue(r -> r.queueName(name)
                        .attributes(Map.of(
                                QueueAttributeName.VISIBILITY_TIMEOUT,
                                Integer.toString(visibilitySeconds),
                                QueueAttributeName.REDRIVE_POLICY,
                                "{\"deadLetterTargetArn\":\"" + deadLetterArn + "\",\"maxReceiveCount\":"
                                        + maxReceiveCount + "}")))
                .queueUrl();
        return new Queue(url, arn(url), deadLetterUrl);
    }

    private static String arn(String url) {
        return sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes()
                .get(QueueAttributeName.QUEUE_ARN);
    }

    private static SqsEventSource start(Queue queue, int batchSize, EventInvoker function) {
        SqsEventSource.Settings settings =
                new SqsEventSource.Settings("TestFunction", "Test", "TestQueue", batchSize, 0, true, 1);
        return SqsEventSource.start(settings, sqs, queue.url, queue.arn, function, TriggerLog.NONE);
    }

    private static void send(Queue queue, String... bodies) {
        for (String body : bodies) {
            sqs.sendMessage(r -> r.queueUrl(queue.url).messageBody(body));
        }
    }

    private static List<String> bodies(List<JsonNode> events) {
        List<String> bodies = new ArrayList<>();
        events.forEach(
                e -> e.path("Records").forEach(r -> bodies.add(r.path("body").asText())));
        return bodies;
    }

    private static List<String> sorted(List<String> values) {
        List<String> copy = new ArrayList<>(values);
        Collections.sort(copy);
        return copy;
    }

    private static int visibleAndInFlight(String url) {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(r -> r.queueUrl(url)
                        .attributeNames(
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .attributes();
        return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    private static int deadLetterCount(Queue queue) {
        return visibleAndInFlight(queue.deadLetterUrl);
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 20 s");
            }
            Thread.sleep(50);
        }
    }
}
