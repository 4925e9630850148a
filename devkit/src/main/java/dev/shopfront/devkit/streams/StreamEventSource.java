package dev.shopfront.devkit.streams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shopfront.devkit.FunctionDefinition;
import dev.shopfront.devkit.LocalDynamoDb;
import dev.shopfront.devkit.SamTemplate;
import dev.shopfront.devkit.triggers.EventInvoker;
import dev.shopfront.devkit.triggers.TriggerLog;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Delivers a captured table's stream records to one function the way Lambda's event source mapping for
 * DynamoDB Streams does, with the settings of the function's {@code Type: DynamoDB} event: batch size and
 * batching window, filter criteria, partial batch responses ({@code ReportBatchItemFailures}), bisection
 * on function errors, bounded retries and record age, and the on-failure destination.
 *
 * <p>Records are delivered in order, one batch at a time, from a daemon thread. A batch that fails is
 * retried before anything after it is delivered, so a failing record holds the stream up until it
 * succeeds or is given up on, as on AWS.
 */
public final class StreamEventSource implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(StreamEventSource.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How often the log is looked at when nothing wakes the poller; Lambda polls a shard 4 times a second. */
    static final Duration POLL_INTERVAL = Duration.ofMillis(100);
    /** A batching window is honoured up to this long locally: a test or a local run should not wait longer. */
    static final Duration MAX_LOCAL_WINDOW = Duration.ofSeconds(1);

    static final String RETRIES_EXHAUSTED = "RetryAttemptsExhausted";
    static final String RECORD_AGE_EXCEEDED = "RecordAgeExceeded";

    /**
     * An event source mapping's settings, as SAM's {@code Type: DynamoDB} event properties give them.
     *
     * @param batchSize records per invocation at most (Lambda's default: 100)
     * @param batchingWindow how long to gather records before invoking (default: none); capped at 1 s locally
     * @param maximumRetryAttempts retries of a failed batch before giving up on it; -1 for no limit
     * @param maximumRecordAge records older than this are given up on, not delivered; null for no limit
     * @param startingPosition {@code TRIM_HORIZON} (every record captured) or {@code LATEST} (from start() on)
     * @param onFailureDestination the {@code OnFailure} destination's logical id, or null for none (records given up on are dropped)
     */
    public record Settings(
            int batchSize,
            Duration batchingWindow,
            EventFilter filter,
            boolean reportBatchItemFailures,
            boolean bisectBatchOnFunctionError,
            int maximumRetryAttempts,
            Duration maximumRecordAge,
            String startingPosition,
            String onFailureDestination) {

        public Settings {
            if (batchSize < 1) {
                throw new IllegalArgumentException("BatchSize must be at least 1, was " + batchSize);
            }
            if (maximumRetryAttempts < -1) {
                throw new IllegalArgumentException(
                        "MaximumRetryAttempts is -1 (no limit) or more, was " + maximumRetryAttempts);
            }
            if (!startingPosition.equals("TRIM_HORIZON") && !startingPosition.equals("LATEST")) {
                throw new IllegalArgumentException(
                        "StartingPosition of a DynamoDB stream is TRIM_HORIZON or LATEST, was " + startingPosition);
            }
        }

        /** The settings of a {@code Type: DynamoDB} event's {@code Properties}, with Lambda's defaults for what is left out. */
        public static Settings of(JsonNode properties) {
            long age = properties.path("MaximumRecordAgeInSeconds").asLong(-1);
            boolean reportFailures = false;
            for (JsonNode type : properties.path("FunctionResponseTypes")) {
                reportFailures |= type.asText().equals("ReportBatchItemFailures");
            }
            return new Settings(
                    properties.path("BatchSize").asInt(100),
                    Duration.ofSeconds(
                            properties.path("MaximumBatchingWindowInSeconds").asLong(0)),
                    EventFilter.of(properties.path("FilterCriteria")),
                    reportFailures,
                    properties.path("BisectBatchOnFunctionError").asBoolean(false),
                    properties.path("MaximumRetryAttempts").asInt(-1),
                    age < 0 ? null : Duration.ofSeconds(age),
                    properties.path("StartingPosition").asText("TRIM_HORIZON"),
                    destinationOf(properties
                            .path("DestinationConfig")
                            .path("OnFailure")
                            .path("Destination")));
        }

        private static String destinationOf(JsonNode destination) {
            if (destination.isMissingNode() || destination.isNull()) {
                return null;
            }
            JsonNode getAtt = destination.path("Fn::GetAtt");
            if (getAtt.isArray()) {
                return getAtt.path(0).asText();
            }
            JsonNode ref = destination.path("Ref");
            return ref.isTextual() ? ref.asText() : destination.asText();
        }
    }

    /**
     * One invocation of the function.
     *
     * @param source the logical id of the table whose stream the records came from
     * @param records how many records the event held
     * @param failures how many of them are to be retried or given up on: 0 on success, all on a whole-batch failure
     * @param firstSequenceNumber the first record's
     * @param error why the invocation failed as a whole (the function's exception, or why its response could not
     *     be read), or null
     */
    public record Delivery(
            String function,
            String source,
            int records,
            int failures,
            long millis,
            String firstSequenceNumber,
            Throwable error) {
        @Override
        public String toString() {
            return function + " <- " + source + " stream: " + records + " records, " + failures + " failed, " + millis
                    + " ms" + (error == null ? "" : " (" + error + ")");
        }
    }

    private final String function;
    private final ChangeStream stream;
    private final Settings settings;
    private final EventInvoker invoker;
    private final FailureDestination destination;
    private Consumer<Delivery> listener = delivery -> LOG.log(Level.INFO, delivery.toString());
    private Duration retryDelay = Duration.ofMillis(100);
    private Thread poller;
    private volatile boolean running;
    /** Every record before this position has been delivered, skipped by the filter, or given up on. */
    private volatile int settled;

    private int readPosition;

    /**
     * @param function the function's name, for logs and the on-failure message (the template's logical id)
     * @param destination receives the on-failure messages; may be null when {@code settings} name no destination
     */
    public StreamEventSource(
            String function,
            ChangeStream stream,
            Settings settings,
            EventInvoker invoker,
            FailureDestination destination) {
        this.function = function;
        this.stream = stream;
        this.settings = settings;
        this.invoker = invoker;
        this.destination = destination;
        if (settings.onFailureDestination() != null && destination == null) {
            throw new IllegalArgumentException(function + " sends failed batches to " + settings.onFailureDestination()
                    + ", but no FailureDestination was given to deliver them");
        }
    }

    /**
     * The event source of {@code functionLogicalId}'s one {@code Type: DynamoDB} event, on the stream of
     * the table its {@code Stream: !GetAtt Table.StreamArn} names.
     *
     * @throws IllegalArgumentException when the function has no such event, or several
     */
    public static StreamEventSource ofFunction(
            SamTemplate template,
            String functionLogicalId,
            ChangeCapture capture,
            EventInvoker invoker,
            FailureDestination destination) {
        List<StreamEventSource> sources = ofTemplate(template, capture, function -> invoker, destination).stream()
                .filter(source -> source.function().equals(functionLogicalId))
                .toList();
        if (sources.size() != 1) {
            throw new IllegalArgumentException("Function " + functionLogicalId + " has " + sources.size()
                    + " events of Type: DynamoDB; expected one");
        }
        return sources.getFirst();
    }

    /**
     * One event source per {@code Type: DynamoDB} event in the template, not started.
     *
     * @param invokers the invoker of each function, by logical id
     * @throws IllegalArgumentException when an event's stream is not a captured table's
     */
    public static List<StreamEventSource> ofTemplate(
            SamTemplate template,
            ChangeCapture capture,
            Function<String, EventInvoker> invokers,
            FailureDestination destination) {
        List<StreamEventSource> sources = new ArrayList<>();
        for (FunctionDefinition function : template.functions()) {
            for (Map.Entry<String, JsonNode> event :
                    function.eventsOfType("DynamoDB").entrySet()) {
                JsonNode properties = event.getValue();
                JsonNode getAtt = properties.path("Stream").path("Fn::GetAtt");
                if (!getAtt.isArray() || !"StreamArn".equals(getAtt.path(1).asText())) {
                    throw new IllegalArgumentException(function.logicalId() + "." + event.getKey()
                            + ": Stream must be !GetAtt <table>.StreamArn to run locally, was "
                            + properties.path("Stream"));
                }
                ChangeStream stream = capture.streamOf(getAtt.path(0).asText());
                sources.add(new StreamEventSource(
                        function.logicalId(),
                        stream,
                        Settings.of(properties),
                        invokers.apply(function.logicalId()),
                        destination));
            }
        }
        return sources;
    }

    /** Replaces the default listener (a log line per delivery); call before {@link #start()}. */
    public StreamEventSource onDelivery(Consumer<Delivery> listener) {
        this.listener = listener;
        return this;
    }

    /** Reports each delivery to {@code log}, as the SQS event sources do; call before {@link #start()}. */
    public StreamEventSource triggerLog(TriggerLog log) {
        return onDelivery(delivery -> log.invoked(
                delivery.function(),
                delivery.source(),
                delivery.records(),
                delivery.failures(),
                delivery.millis(),
                delivery.error()));
    }

    /** The pause before a failed batch is retried (default 100 ms); call before {@link #start()}. */
    public StreamEventSource retryDelay(Duration delay) {
        this.retryDelay = delay;
        return this;
    }

    /** Starts delivering on a daemon thread. */
    public synchronized StreamEventSource start() {
        if (poller != null) {
            throw new IllegalStateException("Already started");
        }
        readPosition = settings.startingPosition().equals("LATEST") ? stream.size() : 0;
        settled = readPosition;
        running = true;
        poller = new Thread(this::run, "stream-" + stream.logicalId() + "-" + function);
        poller.setDaemon(true);
        poller.start();
        return this;
    }

    /**
     * Waits until every record the stream holds now has been delivered, skipped or given up on.
     *
     * @return false when {@code timeout} passed first
     */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        int target = stream.size();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (settled < target) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    public String function() {
        return function;
    }

    public ChangeStream stream() {
        return stream;
    }

    public Settings settings() {
        return settings;
    }

    /** Stops delivering; a batch being delivered is abandoned between attempts. */
    @Override
    public void close() {
        Thread thread;
        synchronized (this) {
            running = false;
            thread = poller;
        }
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String toString() {
        return "StreamEventSource[" + stream.logicalId() + " -> " + function + ", " + settings + "]";
    }

    // ------------------------------------------------------------------ polling

    private void run() {
        try {
            while (running) {
                List<ChangeRecord> batch = collect();
                if (!batch.isEmpty()) {
                    deliver(batch);
                }
                settled = readPosition;
            }
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException bug) {
            LOG.log(Level.ERROR, "Stream event source of " + function + " stopped", bug);
        }
    }

    /** The next batch: up to BatchSize records that pass the filter, gathered for at most the batching window. */
    private List<ChangeRecord> collect() throws InterruptedException {
        List<ChangeRecord> batch = new ArrayList<>();
        Duration window = settings.batchingWindow().compareTo(MAX_LOCAL_WINDOW) > 0
                ? MAX_LOCAL_WINDOW
                : settings.batchingWindow();
        long windowEnds = 0;
        while (running) {
            for (ChangeRecord record : stream.read(readPosition, settings.batchSize() - batch.size() + 1_000)) {
                if (batch.size() == settings.batchSize()) {
                    break;
                }
                readPosition++;
                // Records the filter refuses are never delivered, and never retried.
                if (settings.filter().matches(record.json())) {
                    batch.add(record);
                }
            }
            if (batch.size() == settings.batchSize()) {
                return batch;
            }
            long now = System.nanoTime();
            if (batch.isEmpty()) {
                settled = readPosition;
                stream.awaitRecordAt(readPosition, POLL_INTERVAL);
                continue;
            }
            if (windowEnds == 0) {
                windowEnds = now + window.toNanos();
            }
            if (now >= windowEnds) {
                return batch;
            }
            stream.awaitRecordAt(readPosition, Duration.ofNanos(Math.min(POLL_INTERVAL.toNanos(), windowEnds - now)));
        }
        return List.of();
    }

    // ------------------------------------------------------------------ delivering

    /** Records still to be delivered, how often they were retried, how often invoked. */
    private record Attempt(List<ChangeRecord> records, int retries, int invokes) {}

    /**
     * What an invocation came to: all done; done up to {@code failedFrom} (a partial batch response); or
     * failed as a whole ({@code error} set, {@code failedFrom} 0), by a function error or a response Lambda cannot read.
     */
    private record Outcome(int failedFrom, Throwable error, boolean functionError) {
        static Outcome success() {
            return new Outcome(-1, null, false);
        }

        boolean succeeded() {
            return failedFrom < 0;
        }
    }

    private void deliver(List<ChangeRecord> batch) throws InterruptedException {
        Deque<Attempt> pending = new ArrayDeque<>();
        pending.push(new Attempt(batch, 0, 0));
        while (!pending.isEmpty() && running) {
            Attempt attempt = pending.pop();
            List<ChangeRecord> records = withoutExpired(attempt);
            if (records.isEmpty()) {
                continue;
            }
            Outcome outcome = invoke(records);
            int invokes = attempt.invokes() + 1;
            if (outcome.succeeded()) {
                continue;
            }
            List<ChangeRecord> failed = records.subList(outcome.failedFrom(), records.size());
            if (outcome.error() != null && settings.bisectBatchOnFunctionError() && records.size() > 1) {
                // Splitting does not use up a retry: each half is tried again as if new.
                int half = records.size() / 2;
                pending.push(new Attempt(records.subList(half, records.size()), attempt.retries(), invokes));
                pending.push(new Attempt(records.subList(0, half), attempt.retries(), invokes));
                continue;
            }
            if (settings.maximumRetryAttempts() >= 0 && attempt.retries() >= settings.maximumRetryAttempts()) {
                giveUp(failed, RETRIES_EXHAUSTED, invokes, outcome.functionError());
                continue;
            }
            // Records before the first failure are done: the retry starts at the lowest reported sequence number.
            pending.push(new Attempt(failed, attempt.retries() + 1, invokes));
            Thread.sleep(retryDelay.toMillis());
        }
    }

    /** The attempt's records not yet too old; the expired ones (the oldest) are given up on. */
    private List<ChangeRecord> withoutExpired(Attempt attempt) {
        if (settings.maximumRecordAge() == null) {
            return attempt.records();
        }
        Instant oldestAllowed = Instant.now().minus(settings.maximumRecordAge());
        int expired = 0;
        while (expired < attempt.records().size()
                && attempt.records().get(expired).capturedAt().isBefore(oldestAllowed)) {
            expired++;
        }
        if (expired > 0) {
            giveUp(attempt.records().subList(0, expired), RECORD_AGE_EXCEEDED, attempt.invokes(), false);
        }
        return attempt.records().subList(expired, attempt.records().size());
    }

    private Outcome invoke(List<ChangeRecord> records) {
        ObjectNode event = JSON.createObjectNode();
        ArrayNode array = event.putArray("Records");
        records.forEach(record -> array.add(record.json().deepCopy()));
        long started = System.nanoTime();
        Outcome outcome;
        try {
            byte[] response = invoker.invoke(JSON.writeValueAsBytes(event));
            outcome = settings.reportBatchItemFailures() ? readResponse(response, records) : Outcome.success();
        } catch (Exception failure) {
            outcome = new Outcome(0, failure, true);
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        int failures = outcome.succeeded() ? 0 : records.size() - outcome.failedFrom();
        try {
            listener.accept(new Delivery(
                    function,
                    stream.logicalId(),
                    records.size(),
                    failures,
                    millis,
                    records.getFirst().sequenceNumber(),
                    outcome.error()));
        } catch (RuntimeException listenerFailed) {
            LOG.log(Level.WARNING, "A delivery listener failed", listenerFailed);
        }
        return outcome;
    }

    /**
     * A partial batch response read as Lambda reads it: no response, no list or an empty list is success;
     * the lowest sequence number listed is where the retry starts; anything unreadable (not JSON, an item
     * without a non-empty itemIdentifier, a sequence number not in the batch) fails the whole batch.
     */
    private static Outcome readResponse(byte[] response, List<ChangeRecord> records) {
        if (response == null || response.length == 0) {
            return Outcome.success();
        }
        JsonNode json;
        try {
            json = JSON.readTree(response);
        } catch (IOException notJson) {
            return unreadable("the response is not JSON: " + abbreviated(response));
        }
        if (json == null || json.isNull() || json.isMissingNode()) {
            return Outcome.success();
        }
        if (!json.isObject()) {
            return unreadable("the response is not a StreamsEventResponse: " + abbreviated(response));
        }
        JsonNode failures = json.get("batchItemFailures");
        if (failures == null || failures.isNull() || failures.isArray() && failures.isEmpty()) {
            return Outcome.success();
        }
        if (!failures.isArray()) {
            return unreadable("batchItemFailures is not a list: " + abbreviated(response));
        }
        int lowest = -1;
        for (JsonNode failure : failures) {
            JsonNode identifier = failure.get("itemIdentifier");
            if (identifier == null
                    || !identifier.isTextual()
                    || identifier.asText().isEmpty()) {
                return unreadable("a batch item failure without an itemIdentifier: " + abbreviated(response));
            }
            int index = indexOf(records, identifier.asText());
            if (index < 0) {
                return unreadable("itemIdentifier " + identifier.asText() + " is not a sequence number of the batch");
            }
            lowest = lowest < 0 ? index : Math.min(lowest, index);
        }
        return new Outcome(lowest, null, false);
    }

    private static Outcome unreadable(String why) {
        return new Outcome(0, new IllegalStateException("Lambda counts the whole batch as failed: " + why), false);
    }

    private static int indexOf(List<ChangeRecord> records, String sequenceNumber) {
        BigInteger wanted;
        try {
            wanted = new BigInteger(sequenceNumber);
        } catch (NumberFormatException notANumber) {
            return -1;
        }
        for (int i = 0; i < records.size(); i++) {
            if (records.get(i).sequence().equals(wanted)) {
                return i;
            }
        }
        return -1;
    }

    private static String abbreviated(byte[] response) {
        String text = new String(response, StandardCharsets.UTF_8);
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }

    /** Sends the description of records given up on to the on-failure destination, as Lambda does, and moves on. */
    private void giveUp(List<ChangeRecord> records, String condition, int invokes, boolean functionError) {
        ObjectNode message = failureMessage(records, condition, invokes, functionError);
        if (settings.onFailureDestination() == null) {
            LOG.log(
                    Level.WARNING,
                    function + ": gave up on " + records.size() + " records (" + condition
                            + ") and has no on-failure destination: " + message);
            return;
        }
        try {
            destination.send(settings.onFailureDestination(), message.toString());
            LOG.log(
                    Level.WARNING,
                    function + ": gave up on " + records.size() + " records (" + condition + "); described in "
                            + settings.onFailureDestination());
        } catch (Exception sendFailed) {
            // Nothing is dropped silently: the description stays in the log.
            LOG.log(
                    Level.ERROR,
                    function + ": could not send to " + settings.onFailureDestination() + ": " + message,
                    sendFailed);
        }
    }

    private ObjectNode failureMessage(
            List<ChangeRecord> records, String condition, int invokes, boolean functionError) {
        ObjectNode message = JSON.createObjectNode();
        ObjectNode request = message.putObject("requestContext");
        request.put("requestId", UUID.randomUUID().toString());
        request.put("functionArn", "arn:aws:lambda:" + LocalDynamoDb.REGION + ":000000000000:function:" + function);
        request.put("condition", condition);
        request.put("approximateInvokeCount", invokes);
        ObjectNode response = message.putObject("responseContext");
        response.put("statusCode", 200);
        response.put("executedVersion", "$LATEST");
        if (functionError) {
            response.put("functionError", "Unhandled");
        }
        message.put("version", "1.0");
        message.put("timestamp", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
        ObjectNode info = message.putObject("DDBStreamBatchInfo");
        info.put("shardId", stream.shardId());
        info.put("startSequenceNumber", records.getFirst().sequenceNumber());
        info.put("endSequenceNumber", records.getLast().sequenceNumber());
        info.put(
                "approximateArrivalOfFirstRecord",
                records.getFirst().capturedAt().truncatedTo(ChronoUnit.SECONDS).toString());
        info.put(
                "approximateArrivalOfLastRecord",
                records.getLast().capturedAt().truncatedTo(ChronoUnit.SECONDS).toString());
        info.put("batchSize", records.size());
        info.put("streamArn", stream.streamArn());
        return message;
    }
}
