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
