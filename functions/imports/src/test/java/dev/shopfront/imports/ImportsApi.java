package dev.shopfront.imports;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.shopfront.config.Environment;
import dev.shopfront.config.Wiring;
import dev.shopfront.devkit.junit.TestDynamoDb;
import dev.shopfront.devkit.testing.Answer;
import dev.shopfront.devkit.testing.HttpApiEvent;
import dev.shopfront.queue.Redelivery;
import dev.shopfront.queue.sqs.SqsImportQueue;
import dev.shopfront.schema.UserCreate;
import dev.shopfront.service.FingerprintSeal;
import dev.shopfront.service.ImportQueue;
import dev.shopfront.service.UserService;
import java.time.Clock;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The two /products/imports handlers and the queue's consumer, wired as the template configures them, called the way Lambda calls them. */
final class ImportsApi {
    private final StartImportHandler start;
    private final GetImportHandler get;
    private final ImportProductsHandler consumer;

    private ImportsApi(TestDynamoDb db, DynamoDbClient client, ImportQueue queue, Clock clock) {
        Environment environment = Environment.of(db.environment());
        this.start = new StartImportHandler(
                Wiring.importService(environment, client, queue, clock),
                Wiring.idempotency(environment, client, FingerprintSeal.PLAIN, clock));
        this.get = new GetImportHandler(Wiring.importProgress(environment, client));
        this.consumer = new ImportProductsHandler(
                Wiring.productImporter(environment, client, clock), Redelivery.AFTER_VISIBILITY_TIMEOUT);
    }

    /** Healthy handlers sending to this class's copy of the template's import queue. */
    static ImportsApi over(TestDynamoDb db) {
        return over(db, db.client(), importQueue(db), Clock.systemUTC());
    }

    /** Handlers storing through {@code client} and sending to {@code queue}. */
    static ImportsApi over(TestDynamoDb db, DynamoDbClient client, ImportQueue queue, Clock clock) {
        return new ImportsApi(db, client, queue, clock);
    }

    /** The import queue as StartImportFunction sees it: the template's queue, through its IMPORT_QUEUE_URL. */
    static ImportQueue importQueue(TestDynamoDb db) {
        return new SqsImportQueue(db.sqs(), db.environment().get(Wiring.IMPORT_QUEUE_URL));
    }

    ImportProductsHandler consumer() {
        return consumer;
    }

    Answer call(HttpApiEvent event) {
        RequestStreamHandler handler = switch (event.routeKey()) {
            case "POST /products/imports" -> start;
            case "GET /products/imports/{id}" -> get;
            default -> throw new IllegalArgumentException("No handler for " + event.routeKey());
        };
        return event.sendTo(handler);
    }

    Answer start(String callerId, String body) {
        return call(ImportEvents.startImport(callerId).body(body));
    }

    /** Starts an import that must be accepted; returns its id. */
    String started(String callerId, String body) {
        return start(callerId, body).idOf(202);
    }

    Answer get(String callerId, String id) {
        return call(ImportEvents.getImport(id, callerId));
    }

    /** Registers a user (Argon2id hashing: about 60 ms) and returns its id, as the token's {@code sub} holds it. */
    static String registerUser(TestDynamoDb db, String name) {
        String email = name + "-" + UUID.randomUUID() + "@example.com";
        return users(db).create(new UserCreate(email, "correct horse", name)).id();
    }

    static void deleteUser(TestDynamoDb db, String id) {
        users(db).delete(id, id);
    }

    private static UserService users(TestDynamoDb db) {
        return Wiring.userService(Environment.of(db.environment()), db.client(), Clock.systemUTC());
    }
}
