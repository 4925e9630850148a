package dev.shopfront.devkit.triggers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shopfront.devkit.FunctionDefinition;
import dev.shopfront.devkit.LocalDynamoDb;
import dev.shopfront.devkit.SamTemplate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * A function's {@code Type: SQS} event source run the way Lambda's poller runs it: long-poll the
 * queue, gather up to {@code BatchSize} messages within {@code MaximumBatchingWindowInSeconds},
 * invoke the function with an {@code SQSEvent}, delete the messages that succeeded, and leave the
 * failed ones to come back after the visibility timeout, where the queue's redrive policy moves them
 * to the dead-letter queue after {@code maxReceiveCount} receives.
 */
public final class SqsEventSource implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** SQS answers at most 10 messages per receive and takes at most 10 entries per batch call. */
    private static final int SQS_MAX_BATCH = 10;
    /** Locally at most this many invocations at once: this machine has two cores. */
    private static final int LOCAL_MAX_CONCURRENCY = 2;

    private final Settings settings;
    private final SqsClient sqs;
    private final String queueUrl;
    private final String queueArn;
    private final EventInvoker function;
    private final TriggerLog log;
    private final List<Thread> pollers = new ArrayList<>();
    private volatile boolean running = true;

    /**
     * A function's SQS event as the template declares it.
     *
     * @param queue the logical id of the queue ({@code Queue: !GetAtt X.Arn})
     * @param reportBatchItemFailures whether {@code FunctionResponseTypes} has {@code ReportBatchItemFailures}
     */
    public record Settings(
            String function,
            String eventName,
            String queue,
            int batchSize,
            int batchingWindowSeconds,
            boolean reportBatchItemFailures,
            int maximumConcurrency) {

        /** Every SQS event of the template's functions, each naming a queue the template declares. */
        public static List<Settings> ofTemplate(SamTemplate template) {
            Set<String> queueIds = template.resourcesOfType("AWS::SQS::Queue").keySet();
            List<Settings> settings = new ArrayList<>();
            for (FunctionDefinition definition : template.functions()) {
                for (Settings one : of(definition)) {
                    if (!queueIds.contains(one.queue())) {
                        throw new IllegalStateException("Function " + definition.logicalId() + ": its SQS event names "
                                + one.queue() + ", which is not an AWS::SQS::Queue of the template");
                    }
                    settings.add(one);
                }
            }
            return List.copyOf(settings);
        }

        /** Every {@code Type: SQS} event of the function. */
        public static List<Settings> of(FunctionDefinition function) {
            List<Settings> found = new ArrayList<>();
            for (Map.Entry<String, JsonNode> event :
                    function.eventsOfType("SQS").entrySet()) {
                JsonNode properties = event.getValue();
                JsonNode getAtt = properties.path("Queue").path("Fn::GetAtt");
                if (!getAtt.isArray() || !"Arn".equals(getAtt.path(1).asText())) {
                    throw new IllegalStateException("Function " + function.logicalId() + ", event " + event.getKey()
                            + ": the local API runs SQS events whose Queue is !GetAtt <a queue of the template>.Arn");
                }
                boolean report = false;
                for (JsonNode type : properties.path("FunctionResponseTypes")) {
                    report |= "ReportBatchItemFailures".equals(type.asText());
                }
                found.add(new Settings(
                        function.logicalId(),
                        event.getKey(),
                        getAtt.path(0).asText(),
                        properties.path("BatchSize").asInt(10),
                        properties.path("MaximumBatchingWindowInSeconds").asInt(0),
                        report,
                        properties
                                .path("ScalingConfig")
                                .path("MaximumConcurrency")
                                .asInt(LOCAL_MAX_CONCURRENCY)));
            }
            return found;
        }
    }

    private SqsEventSource(
            Settings settings, SqsClient sqs, String queueUrl, String queueArn, EventInvoker function, TriggerLog log) {
        this.settings = settings;
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.queueArn = queueArn;
        this.function = function;
        this.log = log;
    }

    /** Starts polling in the background until {@link #close()}. */
    public static SqsEventSource start(
            Settings settings, SqsClient sqs, String queueUrl, String queueArn, EventInvoker function, TriggerLog log) {
        SqsEventSource source = new SqsEventSource(settings, sqs, queueUrl, queueArn, function, log);
        int pollers = Math.max(1, Math.min(settings.maximumConcurrency(), LOCAL_MAX_CONCURRENCY));
        for (int i = 0; i < pollers; i++) {
            Thread poller = Thread.ofPlatform()
                    .daemon()
                    .name("sqs-" + settings.function() + "-" + i)
                    .start(source::poll);
            source.pollers.add(poller);
        }
        return source;
    }

    public Settings settings() {
        return settings;
    }

    private void poll() {
        while (running) {
            try {
                List<Message> batch = receiveBatch();
                if (!batch.isEmpty() && running) {
                    deliver(batch);
                }
            } catch (SdkException e) {
                if (!running) {
                    return;
                }
                System.err.println(
                        "[local] " + settings.function() + ": cannot poll " + settings.queue() + ": " + e.getMessage());
                sleep(1000);
            }
        }
    }

    /** Up to BatchSize messages: waits for the first, then up to the batching window for more. */
    private List<Message> receiveBatch() {
        List<Message> batch = new ArrayList<>();
        long windowEnds = 0;
        while (running && batch.size() < settings.batchSize()) {
            int wanted = Math.min(SQS_MAX_BATCH, settings.batchSize() - batch.size());
            int waitSeconds;
            if (batch.isEmpty()) {
                // Short long-polls, so close() is noticed within a second.
                waitSeconds = 1;
            } else {
                long left = windowEnds - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                waitSeconds = (int) Math.max(1, TimeUnit.NANOSECONDS.toSeconds(left));
            }
            List<Message> received = sqs.receiveMessage(r -> r.queueUrl(queueUrl)
                            .maxNumberOfMessages(wanted)
                            .waitTimeSeconds(waitSeconds)
                            .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                            .messageAttributeNames("All"))
                    .messages();
            if (received.isEmpty() && !batch.isEmpty()) {
                break;
            }
            if (batch.isEmpty() && !received.isEmpty()) {
                windowEnds = System.nanoTime() + TimeUnit.SECONDS.toNanos(settings.batchingWindowSeconds());
            }
            batch.addAll(received);
            if (!batch.isEmpty() && settings.batchingWindowSeconds() == 0) {
                break;
            }
        }
        return batch;
    }

    private void deliver(List<Message> batch) {
        long started = System.nanoTime();
        Set<String> failed;
        Throwable error = null;
        try {
            byte[] response = function.invoke(JSON.writeValueAsBytes(event(batch)));
            failed = failedMessageIds(response, batch);
        } catch (Exception e) {
            // The function failed: every message of the batch comes back after the visibility timeout.
            error = e;
            failed = allIds(batch);
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        log.invoked(settings.function(), settings.queue(), batch.size(), failed.size(), millis, error);
        Set<String> keep = failed;
        List<Message> succeeded =
                batch.stream().filter(m -> !keep.contains(m.messageId())).toList();
        for (int from = 0; from < succeeded.size(); from += SQS_MAX_BATCH) {
            List<Message> chunk = succeeded.subList(from, Math.min(succeeded.size(), from + SQS_MAX_BATCH));
            List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < chunk.size(); i++) {
                entries.add(DeleteMessageBatchRequestEntry.builder()
                        .id(Integer.toString(i))
                        .receiptHandle(chunk.get(i).receiptHandle())
                        .build());
            }
            sqs.deleteMessageBatch(r -> r.queueUrl(queueUrl).entries(entries));
        }
    }

    /**
     * The messages to keep, read from the response as Lambda reads it: with ReportBatchItemFailures, the
     * listed ids (an empty or unknown id fails the whole batch); without it, none.
     */
    private Set<String> failedMessageIds(byte[] response, List<Message> batch) throws Exception {
        if (!settings.reportBatchItemFailures() || response == null || response.length == 0) {
            return Set.of();
        }
        JsonNode failures = JSON.readTree(response).path("batchItemFailures");
        Set<String> ids = new HashSet<>();
        Set<String> known = allIds(batch);
        for (JsonNode failure : failures) {
            String id = failure.path("itemIdentifier").asText("");
            if (id.isEmpty() || !known.contains(id)) {
                return known;
            }
            ids.add(id);
        }
        return ids;
    }

    private static Set<String> allIds(List<Message> batch) {
        Set<String> ids = new HashSet<>();
        batch.forEach(m -> ids.add(m.messageId()));
        return ids;
    }

    /** The {@code SQSEvent} Lambda sends: one record per message. */
    private ObjectNode event(List<Message> batch) {
        ObjectNode event = JSON.createObjectNode();
        ArrayNode records = event.putArray("Records");
        for (Message message : batch) {
            ObjectNode record = records.addObject();
            record.put("messageId", message.messageId());
            record.put("receiptHandle", message.receiptHandle());
            record.put("body", message.body());
            ObjectNode attributes = record.putObject("attributes");
            message.attributes().forEach((name, value) -> attributes.put(name.toString(), value));
            ObjectNode messageAttributes = record.putObject("messageAttributes");
            message.messageAttributes().forEach((name, value) -> {
                ObjectNode attribute = messageAttributes.putObject(name);
                attribute.put("stringValue", value.stringValue());
                attribute.putArray("stringListValues");
                attribute.putArray("binaryListValues");
                attribute.put("dataType", value.dataType());
            });
            record.put("md5OfBody", message.md5OfBody());
            record.put("eventSource", "aws:sqs");
            record.put("eventSourceARN", queueArn);
            record.put("awsRegion", LocalDynamoDb.REGION);
        }
        return event;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops polling; an invocation under way finishes first. */
    @Override
    public void close() {
        running = false;
        for (Thread poller : pollers) {
            try {
                poller.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
