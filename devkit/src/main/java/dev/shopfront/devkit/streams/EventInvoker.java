package dev.shopfront.devkit.streams;

/**
 * Invokes a function with an event, JSON in and JSON out, exactly as the Lambda runtime's wire format
 * carries them: for a stream source, a {@code DynamodbEvent} in and a {@code StreamsEventResponse} out.
 */
@FunctionalInterface
public interface EventInvoker {
    /**
     * @return the function's response as JSON (may be {@code null} or empty for a handler returning nothing)
     * @throws Exception when the function fails: Lambda counts the whole batch as failed
     */
    byte[] invoke(byte[] eventJson) throws Exception;
}
