package dev.shopfront.imports;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.shopfront.config.Wiring;
import dev.shopfront.error.StorageException;
import dev.shopfront.http.Priming;
import dev.shopfront.log.BatchInvocation;
import dev.shopfront.log.JsonLog;
import dev.shopfront.log.LogLevel;
import dev.shopfront.queue.ImportMessages;
import dev.shopfront.queue.Redelivery;
import dev.shopfront.service.ProductImporter;
import java.util.ArrayList;
import java.util.List;

/**
 * Consumes the import queue: one {@link ProductImporter} call per message, and the messages that
 * failed named in the answer, so only they come back (ReportBatchItemFailures). A message that fails
 * eight times moves to the dead-letter queue; one that failed on storage comes back sooner ({@link Redelivery}).
 */
public final class ImportProductsHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    /** Nil ids are never an import's or a user's: ids are random version-4 UUIDs. */
    private static final String PRIMING_MESSAGE = """
        {"importId":"00000000-0000-0000-0000-000000000000","ownerId":"00000000-0000-0000-0000-000000000000",\
        "items":[{"index":0,"item":{"name":"Trail shoe","price":89.9,"currency":"EUR","stock":12,"category":"shoes"}}]}\
        """;

    /**
     * A message is begun only with this much of the invocation left. A stalled database takes 4.5 s per call
     * (DynamoDbClients), and an invocation that runs past its 30 s is killed: its whole batch then comes back after
     * the queue's visibility timeout (181 s), the messages it had imported included. A message not begun is reported
     * and comes back in seconds ({@link Redelivery}).
     */
    static final int MESSAGE_RESERVE_MILLIS = 10_000;

    private final ProductImporter importer;
    private final Redelivery redelivery;

    /** As Lambda builds it: primed before a SnapStart snapshot (docs/snapstart.md). */
    public ImportProductsHandler() {
        this(Wiring.productImporter(), Wiring.importRedelivery());
        ProductImporter importer = this.importer;
        Priming.register("ImportProductsHandler", () -> {
            // A message of an import that cannot exist: decoded, its record read (one GetItem), refused before any
            // write.
            try {
                importer.importMessage(ImportMessages.decode(PRIMING_MESSAGE));
                throw new IllegalStateException("The priming import exists");
            } catch (IllegalStateException expected) {
                // the import does not exist: nothing was written
            }
        });
    }

    ImportProductsHandler(ProductImporter importer, Redelivery redelivery) {
        this.importer = importer;
        this.redelivery = redelivery;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        BatchInvocation batch =
                BatchInvocation.begin(context == null ? null : context.getAwsRequestId(), "ImportProductsFunction");
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        List<SQSEvent.SQSMessage> messages = event.getRecords() == null ? List.of() : event.getRecords();
        try {
            for (SQSEvent.SQSMessage message : messages) {
                if (context != null && context.getRemainingTimeInMillis() < MESSAGE_RESERVE_MILLIS) {
                    JsonLog.at(
                                    LogLevel.WARN,
                                    "Import message not begun: the invocation's time is nearly spent; it will be"
                                            + " delivered again")
                            .field("messageId", message.getMessageId())
                            .field("remainingMs", context.getRemainingTimeInMillis())
                            .write();
                    redelivery.soon(message.getReceiptHandle(), receiveCount(message));
                    failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
                    continue;
                }
                try {
                    ProductImporter.Imported imported =
                            importer.importMessage(ImportMessages.decode(message.getBody()));
                    batch.count("ImportItemsCreated", imported.created());
                    batch.count("ImportItemsFailed", imported.failed());
                } catch (RuntimeException failure) {
                    // Reported, never swallowed: the queue delivers the message again, then keeps it in the dead-letter
                    // queue.
                    log(message, failure);
                    if (failure instanceof StorageException) {
                        // Storage comes back: so does the message, sooner than the queue's visibility timeout.
                        redelivery.soon(message.getReceiptHandle(), receiveCount(message));
                    }
                    failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
                }
            }
        } finally {
            batch.end(messages.size(), failures.size());
        }
        return new SQSBatchResponse(failures);
    }

    /** How many times the queue has delivered the message, this time included (1 when the event does not say). */
    private static int receiveCount(SQSEvent.SQSMessage message) {
        String count =
                message.getAttributes() == null ? null : message.getAttributes().get("ApproximateReceiveCount");
        try {
            return count == null ? 1 : Math.max(1, Integer.parseInt(count));
        } catch (NumberFormatException notACount) {
            return 1;
        }
    }

    /** One JSON line per failed message; never its body, which is the client's data. */
    private static void log(SQSEvent.SQSMessage message, RuntimeException failure) {
        boolean storage = failure instanceof StorageException;
        StringBuilder causes = new StringBuilder();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            causes.append(causes.isEmpty() ? "" : " <- ")
                    .append(cause.getClass().getName());
        }
        JsonLog.at(
                        storage ? LogLevel.WARN : LogLevel.ERROR,
                        storage
                                ? "Import message failed on storage; it will be delivered again"
                                : "Import message cannot be imported; it will reach the dead-letter queue")
                .field("messageId", message.getMessageId())
                .field(
                        "receiveCount",
                        message.getAttributes() == null
                                ? null
                                : message.getAttributes().get("ApproximateReceiveCount"))
                .field("error", failure.getMessage())
                .field("causes", causes.toString())
                .write();
    }
}
