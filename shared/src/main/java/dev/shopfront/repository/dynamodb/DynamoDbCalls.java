package dev.shopfront.repository.dynamodb;

import dev.shopfront.error.StorageException;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The boundary where the SDK's exceptions become the project's: every repository runs its DynamoDB calls
 * through {@link #call}, so an outage is a {@link StorageException} (a 500) wherever it happens, and
 * only an expected condition failure reaches the repository's own handling.
 */
final class DynamoDbCalls {
    private DynamoDbCalls() {}

    /**
     * Whether a refused condition may have been this call's own earlier attempt: the SDK sends a call again when an
     * attempt's answer is lost (a timeout, a reset), and a write the server applied then fails its condition on the
     * second attempt. The refused write must then look at what is stored before it reports a refusal.
     */
    static boolean retried(ConditionalCheckFailedException refused) {
        return refused.numAttempts() != null && refused.numAttempts() > 1;
    }

    /** Runs one SDK call; an expected condition failure passes through, every other SDK failure is an outage. */
    static <T> T call(String what, Supplier<T> sdkCall) {
        try {
            return sdkCall.get();
        } catch (ConditionalCheckFailedException expected) {
            throw expected;
        } catch (ApiCallTimeoutException e) {
            throw StorageException.unanswered("DynamoDB call unanswered within its budget: " + what, e);
        } catch (SdkException e) {
            throw new StorageException("DynamoDB call failed: " + what, e);
        }
    }
}
