package dev.shopfront.queue.sqs;

import dev.shopfront.log.JsonLog;
import dev.shopfront.log.LogLevel;
import dev.shopfront.queue.ImportMessages;
import dev.shopfront.schema.ImportMessage;
import dev.shopfront.service.ImportQueue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * The import queue on SQS: {@code SendMessageBatch} calls of up to 10 messages of up to 25 items,
 * each message and each call within 256 KiB. Messages that fail are sent once more; whatever still
 * fails is reported back, never dropped.
 */
public final class SqsImportQueue implements ImportQueue {
    /**
     * How long one import may spend sending, retries included. It leaves most of the starter's 15 s
     * timeout for the record and for settling what could not be sent: a starter stopped by its
     * timeout would leave its import pending for good.
     */
    public static final Duration SEND_BUDGET = Duration.ofSeconds(6);

    private final SqsClient sqs;
    private final String queueUrl;
    private final Duration budget;

    public SqsImportQueue(SqsClient sqs, String queueUrl) {
        this(sqs, queueUrl, SEND_BUDGET);
    }

    /** @param budget how long one {@link #send} may take in all */
    public SqsImportQueue(SqsClient sqs, String queueUrl, Duration budget) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.budget = budget;
    }

    @Override
    public Set<Integer> send(String importId, String ownerId, List<ImportMessage.Entry> items) {
        long deadline = System.nanoTime() + budget.toNanos();
        List<ImportMessages.Outgoing> failed =
                sendAll(importId, ImportMessages.encode(importId, ownerId, items), deadline);
        if (!failed.isEmpty()) {
            failed = sendAll(importId, failed, deadline);
        }
        Set<Integer> notQueued = new TreeSet<>();
        failed.forEach(message -> notQueued.addAll(message.indexes()));
        return notQueued;
    }

    /** @return the messages not sent */
    private List<ImportMessages.Outgoing> sendAll(
            String importId, List<ImportMessages.Outgoing> messages, long deadline) {
        List<ImportMessages.Outgoing> failed = new ArrayList<>();
        for (List<ImportMessages.Outgoing> call : ImportMessages.batches(messages)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                failed.addAll(call);
                continue;
            }
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < call.size(); i++) {
                entries.add(SendMessageBatchRequestEntry.builder()
                        .id(Integer.toString(i))
                        .messageBody(call.get(i).body())
                        .build());
            }
            try {
                SendMessageBatchResponse response = sqs.sendMessageBatch(r -> r.queueUrl(queueUrl)
                        .entries(entries)
                        .overrideConfiguration(o -> o.apiCallTimeout(Duration.ofNanos(left))));
                Set<String> sent = new HashSet<>();
                response.successful().forEach(entry -> sent.add(entry.id()));
                response.failed()
                        .forEach(entry -> JsonLog.warn(
                                "SQS refused a message of an import",
                                "importId",
                                importId,
                                "code",
                                entry.code(),
                                "senderFault",
                                entry.senderFault()));
                for (int i = 0; i < call.size(); i++) {
                    if (!sent.contains(Integer.toString(i))) {
                        failed.add(call.get(i));
                    }
                }
            } catch (SdkException e) {
                JsonLog.at(LogLevel.WARN, "Sending import messages failed")
                        .field("importId", importId)
                        .field("messages", call.size())
                        .failure(e)
                        .write();
                failed.addAll(call);
            }
        }
        return failed;
    }
}
