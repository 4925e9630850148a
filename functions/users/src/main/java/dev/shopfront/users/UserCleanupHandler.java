package dev.shopfront.users;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse.BatchItemFailure;
import dev.shopfront.config.Wiring;
import dev.shopfront.http.Priming;
import dev.shopfront.log.BatchInvocation;
import dev.shopfront.log.JsonLog;
import dev.shopfront.log.LogLevel;
import dev.shopfront.service.UserCleanup;
import java.util.ArrayList;
import java.util.List;

/**
 * The users table's stream, removals only: deletes each removed user's products and releases their
 * email reservation. Reports the first record that failed, as Lambda reads a partial batch failure.
 */
public final class UserCleanupHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
    private final UserCleanup cleanup;

    /** As Lambda builds it: primed before a SnapStart snapshot (docs/snapstart.md). */
    public UserCleanupHandler() {
        this(Wiring.userCleanup());
        UserCleanup cleanup = this.cleanup;
        // The leftovers of a user that cannot exist (nil id, an address under .invalid): one owner-index query
        // that finds nothing, and a release conditional on a reservation naming that user, which fails.
        Priming.register(
                "UserCleanupHandler",
                () -> cleanup.removeLeftoversOf("00000000-0000-0000-0000-000000000000", "priming@example.invalid"));
    }

    UserCleanupHandler(UserCleanup cleanup) {
        this.cleanup = cleanup;
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        BatchInvocation batch =
                BatchInvocation.begin(context == null ? null : context.getAwsRequestId(), "UserCleanupFunction");
        List<DynamodbStreamRecord> records =
                event == null || event.getRecords() == null ? List.of() : event.getRecords();
        int failures = 0;
        try {
            for (DynamodbStreamRecord record : records) {
                // The event source's filter keeps other records out; should one arrive, it needs nothing done.
                if (!RemovedUser.isRemoval(record)) {
                    continue;
                }
                String userId = null;
                try {
                    RemovedUser user = RemovedUser.of(record);
                    userId = user.id();
                    UserCleanup.Outcome outcome = cleanup.removeLeftoversOf(user.id(), user.email());
                    batch.count("UsersCleanedUp", 1);
                    line(LogLevel.INFO, "Removed a deleted user's leftovers", record)
                            .field("userId", user.id())
                            .field("productsDeleted", outcome.productsDeleted())
                            .field("emailReleased", outcome.emailReleased())
                            .write();
                } catch (RuntimeException failure) {
                    // Lambda retries from the lowest sequence number reported: the records after this one are
                    // left for that retry, as running them now would run them twice.
                    failures = 1;
                    // The user's id, so the clean-up can be run again for them once the stream has moved on: the
                    // failure destination's message names the shard and sequence numbers only.
                    line(LogLevel.ERROR, "User clean-up failed; the batch is retried from this record", record)
                            .field("userId", userId)
                            .field("error", causes(failure))
                            .write();
                    return new StreamsEventResponse(List.of(new BatchItemFailure(sequenceNumber(record))));
                }
            }
        } finally {
            batch.end(records.size(), failures);
        }
        return new StreamsEventResponse(new ArrayList<>());
    }

    private static String sequenceNumber(DynamodbStreamRecord record) {
        return record.getDynamodb() == null ? null : record.getDynamodb().getSequenceNumber();
    }

    private static JsonLog.Line line(LogLevel level, String message, DynamodbStreamRecord record) {
        return JsonLog.at(level, message)
                .field("sequenceNumber", sequenceNumber(record))
                .field("eventID", record.getEventID());
    }

    /**
     * The failure's classes and our own message, not the libraries' messages, which may quote the key
     * of the call that failed, and a reservation's key is an email address.
     */
    private static String causes(Throwable failure) {
        StringBuilder text = new StringBuilder(failure.getClass().getName());
        if (failure.getClass().getName().startsWith("dev.shopfront.")) {
            text.append(": ").append(failure.getMessage());
        }
        for (Throwable cause = failure.getCause();
                cause != null && cause != cause.getCause();
                cause = cause.getCause()) {
            text.append(" <- ").append(cause.getClass().getName());
        }
        return text.toString();
    }
}
