package dev.shopfront.imports;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.shopfront.config.Wiring;
import dev.shopfront.http.Priming;
import dev.shopfront.error.StorageException;
import dev.shopfront.http.Json;
import dev.shopfront.queue.ImportMessages;
import dev.shopfront.service.ProductImporter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Consumes the import queue: one {@link ProductImporter} call per message, and the messages that
 * failed named in the answer, so only they come back (ReportBatchItemFailures). A message that fails
 * five times moves to the dead-letter queue.
 */
public final class ImportProductsHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    /** Nil ids are never an import's or a user's: ids are random version-4 UUIDs. */
    private static final String PRIMING_MESSAGE = """
            {"importId":"00000000-0000-0000-0000-000000000000","ownerId":"00000000-0000-0000-0000-000000000000",\
            "items":[{"index":0,"item":{"name":"Trail shoe","price":89.9,"currency":"EUR","stock":12,"category":"shoes"}}]}""";

    private final ProductImporter importer;

    /** As Lambda builds it: primed before a SnapStart snapshot (docs/snapstart.md). */
    public ImportProductsHandler() {
        this(Wiring.productImporter());
        ProductImporter importer = this.importer;
        Priming.register("ImportProductsHandler", () -> {
            // A message of an import that cannot exist: decoded, its record read (one GetItem), refused before any write.
            try {
                importer.importMessage(ImportMessages.decode(PRIMING_MESSAGE));
                throw new IllegalStateException("The priming import exists");
            } catch (IllegalStateException expected) {
                // the import does not exist: nothing was written
            }
        });
    }

    ImportProductsHandler(ProductImporter importer) {
        this.importer = importer;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        List<SQSEvent.SQSMessage> messages = event.getRecords() == null ? List.of() : event.getRecords();
        for (SQSEvent.SQSMessage message : messages) {
            try {
                importer.importMessage(ImportMessages.decode(message.getBody()));
            } catch (RuntimeException failure) {
                // Reported, never swallowed: the queue delivers the message again, then keeps it in the dead-letter queue.
                log(context, message, failure);
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }

    /** One JSON line per failed message; never its body, which is the client's data. */
    private static void log(Context context, SQSEvent.SQSMessage message, RuntimeException failure) {
        boolean storage = failure instanceof StorageException;
        StringBuilder causes = new StringBuilder();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            causes.append(causes.isEmpty() ? "" : " <- ").append(cause.getClass().getName());
        }
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("level", storage ? "WARN" : "ERROR");
        entry.put("message", storage
                ? "Import message failed on storage; it will be delivered again"
                : "Import message cannot be imported; it will reach the dead-letter queue");
        entry.put("requestId", context == null ? null : context.getAwsRequestId());
        entry.put("messageId", message.getMessageId());
        entry.put("receiveCount", message.getAttributes() == null ? null : message.getAttributes().get("ApproximateReceiveCount"));
        entry.put("error", failure.getMessage());
        entry.put("causes", causes.toString());
        String line;
        try {
            line = Json.MAPPER.writeValueAsString(entry);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a log line", e);
        }
        if (context != null && context.getLogger() != null) {
            context.getLogger().log(line);
        } else {
            System.err.println(line);
        }
    }
}
