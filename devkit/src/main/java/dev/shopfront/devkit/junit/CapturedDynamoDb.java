package dev.shopfront.devkit.junit;

import dev.shopfront.devkit.LocalDynamoDb;
import dev.shopfront.devkit.SamTemplate;
import dev.shopfront.devkit.streams.ChangeCapture;
import dev.shopfront.devkit.streams.ChangeStream;
import dev.shopfront.devkit.streams.FailureDestination;
import dev.shopfront.devkit.streams.StreamEventSource;
import dev.shopfront.devkit.triggers.EventInvoker;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * A test class's DynamoDB (from {@link DynamoDbExtension}) with a {@link ChangeCapture} in front, so the
 * writes of code under test reach the template's stream-triggered functions through
 * {@link StreamEventSource}s, as on AWS. Open it in {@code @BeforeAll} or a test, close it after.
 */
public final class CapturedDynamoDb implements AutoCloseable {
    private final TestDynamoDb db;
    private final SamTemplate template;
    private final ChangeCapture capture;
    private final DynamoDbClient client;
    private final List<AutoCloseable> owned = new ArrayList<>();

    private CapturedDynamoDb(TestDynamoDb db, SamTemplate template) {
        this.db = db;
        this.template = template;
        this.capture = ChangeCapture.start(db.endpoint(), template, db.tableNames());
        this.client = LocalDynamoDb.client(capture.endpoint());
    }

    /** Starts a capture in front of {@code db}'s server, recording the writes to its tables that have a stream in template.yaml. */
    public static CapturedDynamoDb inFrontOf(TestDynamoDb db) {
        return new CapturedDynamoDb(db, SamTemplate.ofRepository());
    }

    public ChangeCapture capture() {
        return capture;
    }

    /** The capture's endpoint, to give the code under test instead of the server's. */
    public URI endpoint() {
        return capture.endpoint();
    }

    /** A client through the capture, closed with this. */
    public DynamoDbClient client() {
        return client;
    }

    /** A fresh client builder through the capture, for tests that add interceptors (the caller closes what it builds). */
    public DynamoDbClientBuilder clientBuilder() {
        return LocalDynamoDb.clientBuilder(capture.endpoint());
    }

    /** The functions' environment of {@link TestDynamoDb#environment()}, with {@code DYNAMODB_ENDPOINT} pointing at the capture. */
    public Map<String, String> environment() {
        Map<String, String> environment = new LinkedHashMap<>(db.environment());
        environment.put("DYNAMODB_ENDPOINT", capture.endpoint().toString());
        return Map.copyOf(environment);
    }

    /** The change log of a table, by its logical id. */
    public ChangeStream stream(String logicalId) {
        return capture.streamOf(logicalId);
    }

    /**
     * The event source of a function's {@code Type: DynamoDB} event in template.yaml, not started; closed with this.
     *
     * @param destination receives on-failure messages; may be null only when the event names no destination
     */
    public StreamEventSource eventSource(
            String functionLogicalId, EventInvoker invoker, FailureDestination destination) {
        StreamEventSource source =
                StreamEventSource.ofFunction(template, functionLogicalId, capture, invoker, destination);
        owned.add(source);
        return source;
    }

    @Override
    public void close() {
        for (AutoCloseable each : owned.reversed()) {
            try {
                each.close();
            } catch (Exception e) {
                throw new IllegalStateException("Cannot close " + each, e);
            }
        }
        client.close();
        capture.close();
    }
}
