package dev.shopfront.log;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.function.Consumer;

/**
 * The one logging path of the functions: one JSON object per line on standard output, the shape of
 * Lambda's JSON log format ({@code timestamp}, {@code level}, {@code message}) with the function name,
 * the request id of the invocation in progress and the line's own fields. Lambda passes standard output
 * through as it is, one log event per line, so these lines reach CloudWatch Logs as JSON objects that
 * Logs Insights queries by field. Lines below {@code AWS_LAMBDA_LOG_LEVEL} (INFO when unset) are dropped
 * here, as Lambda's own logger drops them, but for the line each invocation ends with
 * ({@link InvocationLine}), which carries its metrics. JUL and SLF4J records reach this path through
 * {@link JulBridge} (docs/operating.md).
 *
 * <p>Never given: passwords, tokens, {@code Authorization} headers, secrets, request bodies, email
 * addresses. Callers pass ids, counts, routes and exception types only.
 */
public final class JsonLog {
    private static final JsonFactory JSON = new JsonFactory();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_INSTANT;
    private static final ThreadLocal<String> REQUEST_ID = new ThreadLocal<>();

    private static volatile LogLevel threshold = LogLevel.INFO;
    private static volatile String functionName;
    private static volatile Consumer<String> sink = JsonLog::toStandardOutput;

    private JsonLog() {}

    /** The container's settings, from its environment: {@code AWS_LAMBDA_FUNCTION_NAME}, {@code AWS_LAMBDA_LOG_LEVEL}. */
    public static void configure(String function, String level) {
        functionName = function;
        threshold = LogLevel.of(level, LogLevel.INFO);
    }

    /** Sends every line to {@code lines} instead of standard output: for tests, which read what was logged. */
    public static void writeTo(Consumer<String> lines) {
        sink = lines;
    }

    /** Lines go to standard output again. */
    public static void writeToStandardOutput() {
        sink = JsonLog::toStandardOutput;
    }

    /**
     * One {@code write} of the line's UTF-8 bytes and its newline (standard output flushes each write).
     * Encoded here rather than by {@code println}'s writer: about 2 µs less per line at C1, and UTF-8
     * whatever the platform's {@code stdout.encoding} (docs/operating.md, "Logs").
     */
    private static void toStandardOutput(String line) {
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        System.out.write(bytes, 0, bytes.length);
    }

    /** Whether a line of {@code level} is written. */
    public static boolean enabled(LogLevel level) {
        return level.compareTo(threshold) >= 0;
    }

    /** The function's name, as Lambda gives it; null outside Lambda and the local API. */
    public static String functionName() {
        return functionName;
    }

    /** The request id of the invocation in progress on this thread; null between invocations. */
    static String requestId() {
        return REQUEST_ID.get();
    }

    /** Writes a whole line as it is, whatever its level: for {@link InvocationLine}. */
    static void emit(String line) {
        sink.accept(line);
    }

    /** Marks the lines this thread writes until {@link #endRequest()} with {@code requestId}. */
    public static void beginRequest(String requestId) {
        REQUEST_ID.set(requestId);
    }

    public static void endRequest() {
        REQUEST_ID.remove();
    }

    /** A line of {@code level} saying {@code message}; fields are added to it, and nothing is written until {@link Line#write()}. */
    public static Line at(LogLevel level, String message) {
        return new Line(level, message);
    }

    public static void info(String message, Object... namesAndValues) {
        at(LogLevel.INFO, message).fields(namesAndValues).write();
    }

    public static void warn(String message, Object... namesAndValues) {
        at(LogLevel.WARN, message).fields(namesAndValues).write();
    }

    /** An unexpected failure: its type, message and stack trace become fields of the line. */
    public static void error(String message, Throwable failure, Object... namesAndValues) {
        at(LogLevel.ERROR, message).fields(namesAndValues).failure(failure).write();
    }

    /** One line being built. */
    public static final class Line {
        private final LogLevel level;
        private final String message;
        private final StringWriter text = new StringWriter();
        private final JsonGenerator json;

        private Line(LogLevel level, String message) {
            this.level = level;
            this.message = message;
            try {
                json = JSON.createGenerator(text);
                json.writeStartObject();
                json.writeStringField("timestamp", TIME.format(Instant.now().truncatedTo(ChronoUnit.MILLIS)));
                json.writeStringField("level", level.name());
                json.writeStringField("message", message);
                if (functionName != null) {
                    json.writeStringField("functionName", functionName);
                }
                String requestId = REQUEST_ID.get();
                if (requestId != null) {
                    json.writeStringField("requestId", requestId);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Adds a field; a null value is left out. Numbers and booleans stay JSON numbers and booleans. */
        public Line field(String name, Object value) {
            if (value == null) {
                return this;
            }
            try {
                switch (value) {
                    case Integer number -> json.writeNumberField(name, number);
                    case Long number -> json.writeNumberField(name, number);
                    case Double number -> json.writeNumberField(name, number);
                    case BigDecimal number -> json.writeNumberField(name, number);
                    case Boolean flag -> json.writeBooleanField(name, flag);
                    default -> json.writeStringField(name, value.toString());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        /** Adds fields from name-value pairs. */
        public Line fields(Object... namesAndValues) {
            for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
                field(String.valueOf(namesAndValues[i]), namesAndValues[i + 1]);
            }
            return this;
        }

        /**
         * The failure's type, cause chain and stack trace as fields. Messages are kept only for the
         * project's own exceptions, whose texts are written to hold no personal data: a library's message
         * may quote what it was given (an SDK error can quote a key, and a reservation's key is an email).
         */
        public Line failure(Throwable failure) {
            if (failure == null) {
                return this;
            }
            StringBuilder causes = new StringBuilder();
            StringBuilder trace = new StringBuilder();
            int depth = 0;
            for (Throwable cause = failure; cause != null && depth < 10; cause = cause.getCause(), depth++) {
                if (cause != failure) {
                    causes.append(causes.isEmpty() ? "" : " <- ")
                            .append(cause.getClass().getName());
                    trace.append("Caused by: ");
                }
                trace.append(describe(cause)).append('\n');
                for (StackTraceElement frame : cause.getStackTrace()) {
                    trace.append("\tat ").append(frame).append('\n');
                }
                if (cause.getCause() == cause) {
                    break;
                }
            }
            return field("errorType", failure.getClass().getName())
                    .field("errorMessage", ours(failure) ? failure.getMessage() : null)
                    .field("causes", causes.isEmpty() ? null : causes.toString())
                    .field("stackTrace", trace.toString());
        }

        private static boolean ours(Throwable failure) {
            return failure.getClass().getName().startsWith("dev.shopfront.");
        }

        private static String describe(Throwable failure) {
            return ours(failure) && failure.getMessage() != null
                    ? failure.getClass().getName() + ": " + failure.getMessage()
                    : failure.getClass().getName();
        }

        /** Writes the line, unless its level is below the threshold. */
        public void write() {
            if (!enabled(level)) {
                return;
            }
            try {
                json.writeEndObject();
                json.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            sink.accept(text.toString());
        }

        @Override
        public String toString() {
            return level + " " + message;
        }
    }
}
