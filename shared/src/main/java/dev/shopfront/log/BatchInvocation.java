package dev.shopfront.log;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One invocation of a trigger function (a batch of SQS messages or stream records), observed: its
 * request id marks every line written meanwhile, and when it ends it writes one line ({@link InvocationLine})
 * that is both its batch line ({@code message: "batch"}, {@code records}, {@code failures},
 * {@code durationMs}, {@code coldStart}) and its EMF document with dimensions {@code Service} and
 * {@code Function} ({@code Latency}, {@code ColdStart}, {@code BatchFailures} and the business counts), per
 * docs/operating.md.
 */
public final class BatchInvocation {
    private static final AtomicBoolean COLD = new AtomicBoolean(true);

    private final String function;
    private final long started = System.nanoTime();
    private final boolean coldStart = COLD.getAndSet(false);
    private final Map<String, Long> counts = new LinkedHashMap<>();

    private BatchInvocation(String function) {
        this.function = function;
    }

    /**
     * Starts observing a batch of request {@code requestId}; {@code fallbackName} names the function
     * where Lambda gave no name (a test calling the handler).
     */
    public static BatchInvocation begin(String requestId, String fallbackName) {
        JsonLog.beginRequest(requestId);
        String name = JsonLog.functionName();
        return new BatchInvocation(name != null ? name : fallbackName);
    }

    /** Adds {@code value} to the business count {@code metric}. */
    public void count(String metric, long value) {
        counts.merge(metric, value, Long::sum);
    }

    /** Writes the batch's line; {@code failures} records or messages are reported failed. */
    public void end(int records, int failures) {
        try {
            double millis = Math.round((System.nanoTime() - started) / 10_000.0) / 100.0;
            InvocationLine line = InvocationLine.forFunction(
                            failures > 0 ? LogLevel.WARN : LogLevel.INFO, "batch", function)
                    .field("records", records)
                    .field("failures", failures)
                    .field("durationMs", millis)
                    .field("coldStart", coldStart)
                    .milliseconds("Latency", millis)
                    .count("ColdStart", coldStart ? 1 : 0)
                    .count("BatchFailures", failures);
            counts.forEach(line::count);
            line.write();
        } finally {
            JsonLog.endRequest();
        }
    }
}
