package dev.shopfront.devkit.streams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.shopfront.devkit.LocalDynamoDb;
import dev.shopfront.devkit.SamTemplate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A DynamoDB endpoint in front of a server without streams (dynalite): every call is passed through
 * byte for byte, and each successful write to a table whose template declares a
 * {@code StreamSpecification} is recorded, with its old and new images, as a DynamoDB Streams record in
 * that table's {@link ChangeStream}.
 *
 * <p>The images are read around the write: the table's writers through this endpoint take turns (one
 * lock per table), and the item is read with a consistent {@code GetItem} just before and just after the
 * write is passed on. The technique LocalStack uses over its own DynamoDB. Writes that bypass this
 * endpoint are neither serialized nor recorded; transactions and PartiQL are passed through unrecorded.
 */
public final class ChangeCapture implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ChangeCapture.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCOUNT = "000000000000";
    private static final DateTimeFormatter STREAM_LABEL =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
    private static final Set<String> VIEW_TYPES = Set.of("KEYS_ONLY", "NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES");
    /** Hop-by-hop headers, and the ones the JDK client sets itself: everything else goes through as received. */
    private static final Set<String> REQUEST_HEADERS_NOT_PASSED = Set.of(
            "host",
            "content-length",
            "connection",
            "expect",
            "upgrade",
            "keep-alive",
            "transfer-encoding",
            "te",
            "trailer");

    private static final Set<String> RESPONSE_HEADERS_NOT_PASSED =
            Set.of("content-length", "connection", "keep-alive", "transfer-encoding", "date");
    private static final Set<String> UNRECORDED_WRITES =
            Set.of("TransactWriteItems", "ExecuteStatement", "BatchExecuteStatement", "ExecuteTransaction");

    /**
     * A table whose writes are recorded.
     *
     * @param tableName the table's name on this run
     * @param logicalId its logical id in the template
     * @param viewType its {@code StreamViewType}
     * @param keyAttributes its key schema's attribute names, partition key first
     */
    public record CapturedTable(String tableName, String logicalId, String viewType, List<String> keyAttributes) {
        public CapturedTable {
            if (!VIEW_TYPES.contains(viewType)) {
                throw new IllegalArgumentException(
                        "Table " + logicalId + ": StreamViewType " + viewType + " is not one of " + VIEW_TYPES);
            }
            keyAttributes = List.copyOf(keyAttributes);
        }
    }

    private final URI target;
    private final HttpServer server;
    private final ExecutorService workers;
    /**
     * Built in a thread of their own while the local API goes on starting: the JDK's HTTP client sets up
     * TLS even for plain HTTP, and an SDK client loads the SDK, and nothing passes through before the
     * first request.
     */
    private final CompletableFuture<Clients> clients;

    private final Map<String, CapturedTable> tables = new LinkedHashMap<>();
    private final Map<String, ChangeStream> streams = new LinkedHashMap<>();
    private final Map<String, ReentrantLock> writers = new LinkedHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    private ChangeCapture(URI target, List<CapturedTable> captured) throws IOException {
        this.target = target;
        Instant started = Instant.now();
        for (CapturedTable table : captured) {
            tables.put(table.tableName(), table);
            String streamArn = "arn:aws:dynamodb:" + LocalDynamoDb.REGION + ":" + ACCOUNT + ":table/"
                    + table.tableName() + "/stream/" + STREAM_LABEL.format(started);
            String shardId = String.format(
                    Locale.ROOT,
                    "shardId-%020d-%08x",
                    started.toEpochMilli(),
                    table.tableName().hashCode());
            streams.put(
                    table.tableName(),
                    new ChangeStream(table.tableName(), table.logicalId(), table.viewType(), streamArn, shardId));
            writers.put(table.tableName(), new ReentrantLock());
        }
        this.clients = CompletableFuture.supplyAsync(
                () -> new Clients(
                        HttpClient.newBuilder()
                                .version(HttpClient.Version.HTTP_1_1)
                                .connectTimeout(Duration.ofSeconds(2))
                                .build(),
                        LocalDynamoDb.client(target)),
                // A thread of its own: the common pool has one thread on a two-core machine.
                task -> Thread.ofPlatform()
                        .daemon()
                        .name("change-capture-clients")
                        .start(task));
        this.workers = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "change-capture");
            thread.setDaemon(true);
            return thread;
        });
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/", this::handle);
        server.setExecutor(workers);
        server.start();
    }

    /**
     * Starts a capture in front of {@code target} for the tables {@code template} declares with a
     * {@code StreamSpecification}.
     *
     * @param tableNames the template's table logical ids to their names on this run
     * @throws IllegalArgumentException when a streamed table has no name in {@code tableNames}
     */
    public static ChangeCapture start(URI target, SamTemplate template, Map<String, String> tableNames) {
        List<CapturedTable> captured = new ArrayList<>();
        template.resourcesOfType("AWS::DynamoDB::Table").forEach((logicalId, resource) -> {
            JsonNode properties = resource.path("Properties");
            String viewType = properties
                    .path("StreamSpecification")
                    .path("StreamViewType")
                    .asText(null);
            if (viewType == null) {
                return;
            }
            String name = tableNames.get(logicalId);
            if (name == null) {
                throw new IllegalArgumentException(
                        "Table " + logicalId + " has a stream, but no name on this run; names: " + tableNames);
            }
            List<String> keys = new ArrayList<>();
            properties
                    .path("KeySchema")
                    .forEach(key -> keys.add(key.path("AttributeName").asText()));
            captured.add(new CapturedTable(name, logicalId, viewType, keys));
        });
        return start(target, captured);
    }

    /** Starts a capture in front of {@code target} recording writes to {@code tables}. */
    public static ChangeCapture start(URI target, List<CapturedTable> tables) {
        try {
            return new ChangeCapture(target, tables);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the change capture on loopback", e);
        }
    }

    /** The endpoint to hand DynamoDB clients: {@code http://127.0.0.1:<port>}. */
    public URI endpoint() {
        return URI.create("http://" + server.getAddress().getAddress().getHostAddress() + ":"
                + server.getAddress().getPort());
    }

    /** The server every call is passed on to. */
    public URI target() {
        return target;
    }

    /** The change log of a captured table, by its name on this run. */
    public ChangeStream stream(String tableName) {
        ChangeStream stream = streams.get(tableName);
        if (stream == null) {
            throw new IllegalArgumentException(
                    "Table " + tableName + " is not captured; captured: " + streams.keySet());
        }
        return stream;
    }

    /** The change log of a captured table, by its logical id in the template. */
    public ChangeStream streamOf(String logicalId) {
        return streams.values().stream()
                .filter(stream -> stream.logicalId().equals(logicalId))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Table " + logicalId
                        + " is not captured (no StreamSpecification?); captured: "
                        + streams.values().stream().map(ChangeStream::logicalId).toList()));
    }

    /** Every captured table's change log. */
    public Collection<ChangeStream> streams() {
        return List.copyOf(streams.values());
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
        clients.thenAccept(Clients::close);
    }

    /** Waits for the clients being built: only the first call through waits, and not long. */
    private Clients clients() {
        try {
            return clients.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** The client that passes calls on, and the one that reads items before and after a write. */
    private record Clients(HttpClient http, DynamoDbClient reader) {
        void close() {
            http.close();
            reader.close();
        }
    }

    // ------------------------------------------------------------------ passing through

    /** A write to one item of a captured table. */
    private record Write(CapturedTable table, Map<String, AttributeValue> key) {}

    private record Forwarded(int status, Map<String, List<String>> headers, byte[] body) {}

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Forwarded response;
            try {
                List<Write> writes = capturedWrites(exchange.getRequestHeaders().getFirst("X-Amz-Target"), body);
                response = writes.isEmpty() ? forward(exchange, body) : forwardRecording(exchange, body, writes);
            } catch (IOException | RuntimeException unreachable) {
                // The server behind is out of reach: the client sees a failed call, as it would without us.
                LOG.log(Level.WARNING, "Change capture could not pass a call on to " + target + ": " + unreachable);
                response = new Forwarded(
                        502,
                        Map.of("Content-Type", List.of("text/plain")),
                        "The DynamoDB server behind the change capture is out of reach"
                                .getBytes(StandardCharsets.UTF_8));
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
                return;
            }
            response.headers().forEach((name, values) -> {
                if (!RESPONSE_HEADERS_NOT_PASSED.contains(name.toLowerCase(Locale.ROOT))) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            exchange.sendResponseHeaders(response.status(), response.body().length == 0 ? -1 : response.body().length);
            exchange.getResponseBody().write(response.body());
        }
    }

    private Forwarded forward(HttpExchange exchange, byte[] body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        target.resolve(exchange.getRequestURI().toString()))
                .timeout(Duration.ofSeconds(30))
                .method(
                        exchange.getRequestMethod(),
                        body.length == 0
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!REQUEST_HEADERS_NOT_PASSED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> request.header(name, value));
            }
        });
        HttpResponse<byte[]> response = clients().http().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Forwarded(response.statusCode(), response.headers().map(), response.body());
    }

    /** Takes the tables' write turns, reads the items before, passes the call on, reads them after, records what changed. */
    private Forwarded forwardRecording(HttpExchange exchange, byte[] body, List<Write> writes)
            throws IOException, InterruptedException {
        // In name order, so two batch writes over the same tables never wait for each other.
        List<ReentrantLock> turns = writes.stream()
                .map(write -> write.table().tableName())
                .distinct()
                .sorted()
                .map(writers::get)
                .toList();
        turns.forEach(ReentrantLock::lock);
        try {
            List<Map<String, AttributeValue>> before =
                    writes.stream().map(this::read).toList();
            Forwarded response = forward(exchange, body);
            if (response.status() != 200) {
                return response;
            }
            List<Map<String, AttributeValue>> after;
            try {
                after = writes.stream().map(this::read).toList();
            } catch (SdkException lost) {
                LOG.log(
                        Level.WARNING,
                        "A write went through but its new image could not be read; it is missing from the stream: "
                                + lost);
                return response;
            }
            Instant now = Instant.now();
            for (int i = 0; i < writes.size(); i++) {
                record(writes.get(i), before.get(i), after.get(i), now);
            }
            return response;
        } finally {
            turns.reversed().forEach(ReentrantLock::unlock);
        }
    }

    private Map<String, AttributeValue> read(Write write) {
        Map<String, AttributeValue> item = clients()
                .reader()
                .getItem(r ->
                        r.tableName(write.table().tableName()).key(write.key()).consistentRead(true))
                .item();
        return item == null || item.isEmpty() ? null : item;
    }

    private List<Write> capturedWrites(String amzTarget, byte[] body) {
        if (amzTarget == null || tables.isEmpty()) {
            return List.of();
        }
        String operation = amzTarget.substring(amzTarget.indexOf('.') + 1);
        if (UNRECORDED_WRITES.contains(operation)) {
            if (warned.add(operation)) {
                LOG.log(Level.WARNING, operation + " is passed through without being recorded in the change streams");
            }
            return List.of();
        }
        if (!operation.equals("PutItem")
                && !operation.equals("UpdateItem")
                && !operation.equals("DeleteItem")
                && !operation.equals("BatchWriteItem")) {
            return List.of();
        }
        JsonNode request;
        try {
            request = JSON.readTree(body);
        } catch (IOException notJson) {
            return List.of(); // the server refuses it: nothing is written
        }
        List<Write> writes = new ArrayList<>();
        if (operation.equals("BatchWriteItem")) {
            request.path("RequestItems").properties().forEach(entry -> {
                CapturedTable table = tables.get(entry.getKey());
                if (table != null) {
                    for (JsonNode each : entry.getValue()) {
                        JsonNode item = each.has("PutRequest")
                                ? each.path("PutRequest").path("Item")
                                : each.path("DeleteRequest").path("Key");
                        addWrite(writes, table, item);
                    }
                }
            });
        } else {
            CapturedTable table = tables.get(request.path("TableName").asText());
            if (table != null) {
                addWrite(writes, table, operation.equals("PutItem") ? request.path("Item") : request.path("Key"));
            }
        }
        return writes;
    }

    private static void addWrite(List<Write> writes, CapturedTable table, JsonNode item) {
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        for (String attribute : table.keyAttributes()) {
            JsonNode value = item.get(attribute);
            if (value == null) {
                return; // DynamoDB refuses the call: there is nothing to record
            }
            try {
                key.put(attribute, AttributeValueJson.valueFromJson(value));
            } catch (IllegalArgumentException malformed) {
                return; // refused by the server too
            }
        }
        writes.add(new Write(table, key));
    }

    // ------------------------------------------------------------------ recording

    private void record(
            Write write, Map<String, AttributeValue> oldImage, Map<String, AttributeValue> newImage, Instant at) {
        String eventName;
        if (oldImage == null) {
            eventName = newImage == null ? null : "INSERT";
        } else if (newImage == null) {
            eventName = "REMOVE";
        } else {
            // DynamoDB writes no stream record for a write that changed nothing.
            eventName = oldImage.equals(newImage) ? null : "MODIFY";
        }
        if (eventName == null) {
            return;
        }
        ChangeStream stream = streams.get(write.table().tableName());
        String viewType = write.table().viewType();
        String sequenceNumber = String.format(Locale.ROOT, "%021d", sequence.incrementAndGet());

        ObjectNode dynamodb = JSON.createObjectNode();
        dynamodb.put("ApproximateCreationDateTime", at.getEpochSecond());
        dynamodb.set("Keys", AttributeValueJson.toJson(write.key()));
        if (newImage != null && (viewType.equals("NEW_IMAGE") || viewType.equals("NEW_AND_OLD_IMAGES"))) {
            dynamodb.set("NewImage", AttributeValueJson.toJson(newImage));
        }
        if (oldImage != null && (viewType.equals("OLD_IMAGE") || viewType.equals("NEW_AND_OLD_IMAGES"))) {
            dynamodb.set("OldImage", AttributeValueJson.toJson(oldImage));
        }
        dynamodb.put("SequenceNumber", sequenceNumber);
        dynamodb.put("SizeBytes", sizeOf(dynamodb));
        dynamodb.put("StreamViewType", viewType);

        ObjectNode json = JSON.createObjectNode();
        json.put("eventID", HexFormat.of().formatHex(uuidBytes()));
        json.put("eventName", eventName);
        json.put("eventVersion", "1.1");
        json.put("eventSource", "aws:dynamodb");
        json.put("awsRegion", LocalDynamoDb.REGION);
        json.set("dynamodb", dynamodb);
        json.put("eventSourceARN", stream.streamArn());
        stream.append(new ChangeRecord(sequenceNumber, eventName, at, json));
    }

    /** The keys' and images' size, as DynamoDB counts a stream record's: roughly their encoded length. */
    private static long sizeOf(ObjectNode dynamodb) {
        long size = 0;
        for (String part : List.of("Keys", "NewImage", "OldImage")) {
            if (dynamodb.has(part)) {
                size += dynamodb.get(part).toString().getBytes(StandardCharsets.UTF_8).length;
            }
        }
        return size;
    }

    private static byte[] uuidBytes() {
        UUID id = UUID.randomUUID();
        byte[] bytes = new byte[16];
        long high = id.getMostSignificantBits();
        long low = id.getLeastSignificantBits();
        for (int i = 0; i < 8; i++) {
            bytes[i] = (byte) (high >>> (56 - 8 * i));
            bytes[8 + i] = (byte) (low >>> (56 - 8 * i));
        }
        return bytes;
    }

    @Override
    public String toString() {
        return "ChangeCapture[" + endpoint() + " -> " + target + ", tables=" + tables.keySet() + "]";
    }
}
