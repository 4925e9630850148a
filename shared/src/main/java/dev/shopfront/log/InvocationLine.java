package dev.shopfront.log;

import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * The one line an invocation ends with: a {@link JsonLog} line ({@code timestamp}, {@code level},
 * {@code message}, {@code functionName}, {@code requestId} and the invocation's fields) that is also a
 * CloudWatch Embedded Metric Format document: the {@code _aws} envelope ({@code Timestamp},
 * {@code CloudWatchMetrics} of namespace {@value #NAMESPACE}, one dimension set) with the dimensions and
 * the metric values at its root. EMF allows any other member in a document, so the access fields stay
 * searchable in Logs Insights while CloudWatch Logs turns the same line into metrics, with no API call
 * and no client in the function.
 *
 * <p>Written whatever the log level, as the metrics must not depend on it. Built by hand in one buffer
 * and handed to {@link JsonLog}'s output in one piece, one {@code write}: the access line and the EMF line
 * it replaces cost about 40 µs per warm invocation, half formatting them and half the two writes
 * (docs/decisions.md).
 */
public final class InvocationLine {
    public static final String NAMESPACE = "Shopfront";
    /** The {@code Service} dimension's value, the same for every function of the stack. */
    public static final String SERVICE = "shopfront";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_INSTANT;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final long timestamp = System.currentTimeMillis();
    private final String dimension;
    private final String dimensionValue;
    /** The line so far: the log head, the fields, the dimensions and the metric values, unclosed. */
    private final StringBuilder root = new StringBuilder(768);
    /** The {@code Metrics} declarations of the envelope, comma-separated. */
    private final StringBuilder declared = new StringBuilder(256);

    private InvocationLine(LogLevel level, String message, String dimension, String dimensionValue) {
        this.dimension = dimension;
        this.dimensionValue = dimensionValue;
        root.append("{\"timestamp\":\"");
        TIME.formatTo(Instant.ofEpochMilli(timestamp), root);
        root.append("\",\"level\":\"").append(level.name()).append('"');
        field("message", message);
        field("functionName", JsonLog.functionName());
        field("requestId", JsonLog.requestId());
    }

    /** The line of one HTTP invocation: dimensions {@code Service} and {@code Route}. */
    public static InvocationLine forRoute(LogLevel level, String message, String route) {
        return new InvocationLine(level, message, "Route", route);
    }

    /** The line of one trigger invocation: dimensions {@code Service} and {@code Function}. */
    public static InvocationLine forFunction(LogLevel level, String message, String function) {
        return new InvocationLine(level, message, "Function", function);
    }

    /** A string field; null is left out. Never a body, header, secret or email address (docs/operating.md). */
    public InvocationLine field(String name, String value) {
        if (value != null) {
            name(name);
            quote(value);
        }
        return this;
    }

    public InvocationLine field(String name, long value) {
        name(name).append(value);
        return this;
    }

    public InvocationLine field(String name, double value) {
        name(name).append(value);
        return this;
    }

    public InvocationLine field(String name, boolean value) {
        name(name).append(value);
        return this;
    }

    /** A count (unit {@code Count}); each metric name once per line. */
    public InvocationLine count(String metric, long value) {
        declare(metric, "Count");
        return field(metric, value);
    }

    /** A duration in milliseconds (unit {@code Milliseconds}); each metric name once per line. */
    public InvocationLine milliseconds(String metric, double value) {
        declare(metric, "Milliseconds");
        return field(metric, value);
    }

    /** Writes the line, in one piece, whatever the log level. */
    public void write() {
        field("Service", SERVICE);
        field(dimension, dimensionValue);
        root.append(",\"_aws\":{\"Timestamp\":")
                .append(timestamp)
                .append(",\"CloudWatchMetrics\":[{\"Namespace\":\"")
                .append(NAMESPACE)
                .append("\",\"Dimensions\":[[\"Service\",\"")
                .append(dimension)
                .append("\"]],\"Metrics\":[")
                .append(declared)
                .append("]}]}}");
        JsonLog.emit(root.toString());
    }

    private void declare(String metric, String unit) {
        if (!declared.isEmpty()) {
            declared.append(',');
        }
        declared.append("{\"Name\":\"")
                .append(metric)
                .append("\",\"Unit\":\"")
                .append(unit)
                .append("\"}");
    }

    /** Starts member {@code name}; names are the code's own constants, never in need of escaping. */
    private StringBuilder name(String name) {
        return root.append(",\"").append(name).append("\":");
    }

    /** Appends {@code value} as a JSON string: quotes, backslashes and control characters escaped, runs between them whole. */
    private void quote(String value) {
        root.append('"');
        int start = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\') {
                root.append(value, start, i);
                escape(c);
                start = i + 1;
            }
        }
        root.append(value, start, value.length()).append('"');
    }

    private void escape(char c) {
        switch (c) {
            case '"' -> root.append("\\\"");
            case '\\' -> root.append("\\\\");
            case '\n' -> root.append("\\n");
            case '\r' -> root.append("\\r");
            case '\t' -> root.append("\\t");
            default -> root.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
        }
    }
}
