package dev.shopfront.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The local API's standard output, where the functions write their log lines (one JSON object per line,
 * docs/operating.md): by default each line rendered readable on one line (time, level, function, request
 * id, message, then its other fields), with {@code --log-format json} the raw lines. The line each invocation
 * ends with is also an EMF document: rendered, it shows its access fields but not its {@code _aws} envelope
 * nor the dimensions and metric values it names; with {@code --metrics} its metrics are summed per route or
 * function, printed by {@link #printMetrics()} when the local API stops. A line that is only an EMF document
 * (no {@code message}) is never shown. Anything that is not a JSON object passes through as it is. What a function
 * writes while it is primed ({@link LocalFunction#PRIMING}) is dropped: those requests are made up, built to
 * fail, and neither a user's log nor the metrics should count them.
 */
final class FunctionLogOutput extends OutputStream {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());
    /** Fields every line has, shown in the line's head rather than among its other fields. */
    private static final Set<String> HEAD =
            Set.of("timestamp", "level", "message", "functionName", "requestId", "stackTrace");

    private final PrintStream target;
    private final boolean raw;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final Map<String, Summary> metrics = new TreeMap<>();

    FunctionLogOutput(PrintStream target, boolean raw) {
        this.target = target;
        this.raw = raw;
    }

    /** A print stream over this output, to put in place of {@code System.out}. */
    PrintStream asPrintStream() {
        return new PrintStream(this, true, StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    /** Whole runs of bytes at a time: an invocation's line is over half a kilobyte and arrives in one call. */
    @Override
    public synchronized void write(byte[] bytes, int offset, int length) {
        if (LocalFunction.PRIMING.isBound()) {
            return;
        }
        int start = offset;
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            if (bytes[i] == '\n') {
                line.write(bytes, start, i - start);
                emit(line.toString(StandardCharsets.UTF_8));
                line.reset();
                start = i + 1;
            }
        }
        line.write(bytes, start, end - start);
    }

    @Override
    public synchronized void flush() {
        target.flush();
    }

    private void emit(String text) {
        String trimmed = text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
        JsonNode json = trimmed.startsWith("{") ? parse(trimmed) : null;
        if (json == null) {
            target.println(trimmed);
            return;
        }
        if (json.has("_aws")) {
            count(json);
            if (!json.has("message")) {
                return;
            }
        }
        if (raw) {
            target.println(trimmed);
        } else {
            target.println(render(json));
        }
    }

    /** {@code 12:00:01.234 INFO  GetUserFunction CqLpyiFX… request route=GET /users/{id} status=200 durationMs=3.1}. */
    static String render(JsonNode json) {
        StringBuilder text = new StringBuilder();
        String timestamp = json.path("timestamp").asText("");
        try {
            text.append(TIME.format(Instant.parse(timestamp)));
        } catch (RuntimeException notATime) {
            text.append(timestamp);
        }
        text.append(' ').append(String.format("%-5s", json.path("level").asText("")));
        if (json.hasNonNull("functionName")) {
            text.append(' ').append(json.get("functionName").asText());
        }
        if (json.hasNonNull("requestId")) {
            text.append(' ').append(json.get("requestId").asText());
        }
        text.append(' ').append(json.path("message").asText(""));
        Set<String> metrics = emfMembers(json);
        for (Map.Entry<String, JsonNode> field : json.properties()) {
            if (!HEAD.contains(field.getKey()) && !metrics.contains(field.getKey())) {
                JsonNode value = field.getValue();
                text.append(' ')
                        .append(field.getKey())
                        .append('=')
                        .append(value.isValueNode() ? value.asText() : value.toString());
            }
        }
        if (json.hasNonNull("stackTrace")) {
            text.append('\n')
                    .append(json.get("stackTrace")
                            .asText()
                            .stripTrailing()
                            .indent(4)
                            .stripTrailing());
        }
        return text.toString();
    }

    /** The members of a line that are its EMF document: the envelope, and the dimensions and metrics it names. */
    private static Set<String> emfMembers(JsonNode json) {
        if (!json.has("_aws")) {
            return Set.of();
        }
        Set<String> members = new HashSet<>();
        members.add("_aws");
        for (JsonNode directive : json.get("_aws").path("CloudWatchMetrics")) {
            directive.path("Dimensions").forEach(set -> set.forEach(name -> members.add(name.asText())));
            directive
                    .path("Metrics")
                    .forEach(metric -> members.add(metric.path("Name").asText()));
        }
        return members;
    }

    private void count(JsonNode emf) {
        String key = emf.hasNonNull("Route")
                ? emf.get("Route").asText()
                : emf.path("Function").asText("?");
        Summary summary = metrics.computeIfAbsent(key, k -> new Summary());
        summary.invocations++;
        summary.errors4xx += emf.path("Errors4xx").asLong(0);
        summary.errors5xx += emf.path("Errors5xx").asLong(0);
        summary.coldStarts += emf.path("ColdStart").asLong(0);
        if (emf.has("Latency")) {
            summary.latencies.add(emf.get("Latency").asDouble());
        }
    }

    /** The metrics summary: per route or function, invocations, errors, cold starts, latency p50 and p99. */
    synchronized void printMetrics() {
        target.println("Metrics (EMF lines of this run):");
        target.printf(
                "  %-28s %8s %6s %6s %6s %9s %9s%n",
                "route / function", "calls", "4xx", "5xx", "cold", "p50 ms", "p99 ms");
        metrics.forEach((key, summary) -> {
            List<Double> sorted = new ArrayList<>(summary.latencies);
            sorted.sort(null);
            target.printf(
                    "  %-28s %8d %6d %6d %6d %9.1f %9.1f%n",
                    key,
                    summary.invocations,
                    summary.errors4xx,
                    summary.errors5xx,
                    summary.coldStarts,
                    percentile(sorted, 0.50),
                    percentile(sorted, 0.99));
        });
        target.flush();
    }

    private static double percentile(List<Double> sorted, double p) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    private static JsonNode parse(String text) {
        try {
            JsonNode json = JSON.readTree(text);
            return json != null && json.isObject() ? json : null;
        } catch (Exception notJson) {
            return null;
        }
    }

    private static final class Summary {
        long invocations;
        long errors4xx;
        long errors5xx;
        long coldStarts;
        final List<Double> latencies = new ArrayList<>();
    }
}
