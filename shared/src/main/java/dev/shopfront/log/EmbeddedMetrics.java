package dev.shopfront.log;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * CloudWatch metrics of one invocation in the Embedded Metric Format: one JSON line on standard output
 * with the {@code _aws} envelope ({@code Timestamp}, {@code CloudWatchMetrics} of namespace
 * {@value #NAMESPACE}, one dimension set) and the dimensions and values at its root. CloudWatch Logs
 * turns the line into metrics, with no API call and no client in the function. Written beside
 * {@link JsonLog}'s lines, never filtered by level: the metrics must not depend on the log level.
 */
public final class EmbeddedMetrics {
    public static final String NAMESPACE = "Shopfront";
    /** The {@code Service} dimension's value, the same for every function of the stack. */
    public static final String SERVICE = "shopfront";

    private static final JsonFactory JSON = new JsonFactory();
    private static volatile Consumer<String> sink = line -> System.out.println(line);

    private final Map<String, String> dimensions = new LinkedHashMap<>();
    private final Map<String, Number> values = new LinkedHashMap<>();
    private final Map<String, String> units = new LinkedHashMap<>();
    private final Map<String, Object> properties = new LinkedHashMap<>();

    private EmbeddedMetrics() {}

    /** The metrics of one HTTP invocation: dimensions {@code Service} and {@code Route}. */
    public static EmbeddedMetrics forRoute(String route) {
        EmbeddedMetrics metrics = new EmbeddedMetrics();
        metrics.dimensions.put("Service", SERVICE);
        metrics.dimensions.put("Route", route);
        return metrics;
    }

    /** The metrics of one trigger invocation: dimensions {@code Service} and {@code Function}. */
    public static EmbeddedMetrics forFunction(String function) {
        EmbeddedMetrics metrics = new EmbeddedMetrics();
        metrics.dimensions.put("Service", SERVICE);
        metrics.dimensions.put("Function", function);
        return metrics;
    }

    /** Sends every line to {@code lines} instead of standard output: for tests. */
    public static void writeTo(Consumer<String> lines) {
        sink = lines;
    }

    public static void writeToStandardOutput() {
        sink = line -> System.out.println(line);
    }

    /** A count (unit {@code Count}). */
    public EmbeddedMetrics count(String name, long value) {
        values.put(name, value);
        units.put(name, "Count");
        return this;
    }

    /** A duration in milliseconds (unit {@code Milliseconds}). */
    public EmbeddedMetrics milliseconds(String name, double value) {
        values.put(name, value);
        units.put(name, "Milliseconds");
        return this;
    }

    /** A property: searchable in the line, not a metric nor a dimension (a request id, say). */
    public EmbeddedMetrics property(String name, Object value) {
        if (value != null) {
            properties.put(name, value);
        }
        return this;
    }

    /** Writes the line. */
    public void write() {
        StringWriter text = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(text)) {
            json.writeStartObject();
            json.writeObjectFieldStart("_aws");
            json.writeNumberField("Timestamp", System.currentTimeMillis());
            json.writeArrayFieldStart("CloudWatchMetrics");
            json.writeStartObject();
            json.writeStringField("Namespace", NAMESPACE);
            json.writeArrayFieldStart("Dimensions");
            json.writeStartArray();
            for (String dimension : dimensions.keySet()) {
                json.writeString(dimension);
            }
            json.writeEndArray();
            json.writeEndArray();
            json.writeArrayFieldStart("Metrics");
            for (Map.Entry<String, String> metric : units.entrySet()) {
                json.writeStartObject();
                json.writeStringField("Name", metric.getKey());
                json.writeStringField("Unit", metric.getValue());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
            json.writeEndArray();
            json.writeEndObject();
            for (Map.Entry<String, String> dimension : dimensions.entrySet()) {
                json.writeStringField(dimension.getKey(), dimension.getValue());
            }
            for (Map.Entry<String, Number> value : values.entrySet()) {
                if (value.getValue() instanceof Double d) {
                    json.writeNumberField(value.getKey(), d);
                } else {
                    json.writeNumberField(value.getKey(), value.getValue().longValue());
                }
            }
            for (Map.Entry<String, Object> property : properties.entrySet()) {
                json.writeStringField(property.getKey(), String.valueOf(property.getValue()));
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        sink.accept(text.toString());
    }
}
