package dev.shopfront.imports;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shopfront.devkit.LocalDynamoDb;
import dev.shopfront.devkit.QueueDefinitions.LocalQueue;
import dev.shopfront.devkit.junit.TestDynamoDb;
import dev.shopfront.devkit.testing.RecordingContext;
import dev.shopfront.devkit.testing.TestEvents;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Delivers a real queue's messages (ElasticMQ) to the consumer the way Lambda's SQS poller does:
 * receive, invoke with an {@code SQSEvent} built from the received messages, delete the ones the
 * function did not report as failed, and leave the failed ones to come back.
 */
final class QueueDeliveries {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SqsClient sqs;
    private final String queueUrl;
    private final String queueArn;

    QueueDeliveries(SqsClient sqs, String queueUrl, String queueArn) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.queueArn = queueArn;
    }

    /** This class's copy of the template's import queue. */
    static QueueDeliveries importQueue(TestDynamoDb db) {
        LocalQueue queue = db.queues().get("ImportQueue");
        return new QueueDeliveries(db.sqs(), queue.url(), queue.arn());
    }

    /** What one invocation was given and answered. */
    record Delivery(List<Message> messages, SQSEvent event, SQSBatchResponse response, RecordingContext context) {
        Set<String> failedIds() {
            Set<String> ids = new HashSet<>();
            response.getBatchItemFailures().forEach(f -> ids.add(f.getItemIdentifier()));
            return ids;
        }
    }

    /** Up to 10 messages, waiting up to {@code waitSeconds} for the first; they stay in flight until deleted. */
    List<Message> receive(int waitSeconds) {
        return sqs.receiveMessage(r -> r.queueUrl(queueUrl)
                        .maxNumberOfMessages(10)
                        .waitTimeSeconds(waitSeconds)
                        .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                        .messageAttributeNames("All"))
                .messages();
    }

    /** Every message now in the queue, received (in flight) but not deleted. */
    List<Message> receiveAll() {
        List<Message> all = new ArrayList<>();
        for (List<Message> batch = receive(0); !batch.isEmpty(); batch = receive(0)) {
            all.addAll(batch);
        }
        return all;
    }

    /** One invocation with a batch received now, deleting what succeeded; null when the queue had nothing. */
    Delivery deliverOnce(RequestHandler<SQSEvent, SQSBatchResponse> consumer, int waitSeconds) {
        List<Message> messages = receive(waitSeconds);
        if (messages.isEmpty()) {
            return null;
        }
        Delivery delivery = invoke(consumer, messages);
        deleteSucceeded(delivery);
        return delivery;
    }

    /** Delivers until the queue has nothing visible; returns every delivery made. */
    List<Delivery> drain(RequestHandler<SQSEvent, SQSBatchResponse> consumer) {
        List<Delivery> deliveries = new ArrayList<>();
        for (Delivery delivery = deliverOnce(consumer, 0); delivery != null; delivery = deliverOnce(consumer, 0)) {
            deliveries.add(delivery);
        }
        return deliveries;
    }

    /** The consumer invoked with these messages, as Lambda would, without deleting anything. */
    Delivery invoke(RequestHandler<SQSEvent, SQSBatchResponse> consumer, List<Message> messages) {
        SQSEvent event = event(messages);
        RecordingContext context = new RecordingContext();
        return new Delivery(messages, event, consumer.handleRequest(event, context), context);
    }

    void deleteSucceeded(Delivery delivery) {
        Set<String> failed = delivery.failedIds();
        delete(delivery.messages().stream()
                .filter(m -> !failed.contains(m.messageId()))
                .toList());
    }

    void delete(List<Message> messages) {
        for (int from = 0; from < messages.size(); from += 10) {
            List<Message> chunk = messages.subList(from, Math.min(messages.size(), from + 10));
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

    /** Messages visible, in flight or delayed: everything the queue still holds. */
    int held() {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl)
                        .attributeNames(
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))
                .attributes();
        return attributes.values().stream().mapToInt(Integer::parseInt).sum();
    }

    /** The {@code SQSEvent} Lambda's poller sends for these messages, made by the runtime's own deserializer. */
    SQSEvent event(List<Message> messages) {
        ObjectNode event = JSON.createObjectNode();
        ArrayNode records = event.putArray("Records");
        for (Message message : messages) {
            ObjectNode record = records.addObject();
            record.put("messageId", message.messageId());
            record.put("receiptHandle", message.receiptHandle());
            record.put("body", message.body());
            ObjectNode attributes = record.putObject("attributes");
            message.attributes().forEach((name, value) -> attributes.put(name.toString(), value));
            record.putObject("messageAttributes");
            record.put("md5OfBody", message.md5OfBody());
            record.put("eventSource", "aws:sqs");
            record.put("eventSourceARN", queueArn);
            record.put("awsRegion", LocalDynamoDb.REGION);
        }
        return TestEvents.toLambdaEvent(SQSEvent.class, event);
    }
}
