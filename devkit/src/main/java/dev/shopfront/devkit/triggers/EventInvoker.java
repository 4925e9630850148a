package dev.shopfront.devkit.triggers;

/** Invokes one function with an event, as the Lambda service does: the event's JSON in, the response's JSON out. */
@FunctionalInterface
public interface EventInvoker {
    /**
     * @return the function's response as JSON (empty for none)
     * @throws Exception when the function fails: the event source treats the whole batch as failed
     */
    byte[] invoke(byte[] event) throws Exception;
}
