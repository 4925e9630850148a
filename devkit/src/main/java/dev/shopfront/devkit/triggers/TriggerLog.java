package dev.shopfront.devkit.triggers;

/** Hears of each invocation an event source makes, for the local API's one log line per trigger invocation. */
@FunctionalInterface
public interface TriggerLog {
    TriggerLog NONE = (function, source, records, failures, millis, error) -> {};

    /**
     * @param failures records the function reported as failed (all of them when it threw)
     * @param error the function's failure when it threw, else null
     */
    void invoked(String function, String source, int records, int failures, long millis, Throwable error);
}
