package dev.shopfront.config;

import dev.shopfront.http.HttpApi;
import dev.shopfront.http.ImportedProductRules;
import dev.shopfront.log.JsonLog;
import dev.shopfront.log.JulBridge;
import dev.shopfront.queue.Redelivery;
import dev.shopfront.queue.sqs.SqsClients;
import dev.shopfront.queue.sqs.SqsImportQueue;
import dev.shopfront.queue.sqs.SqsRedelivery;
import dev.shopfront.repository.dynamodb.DynamoDbClients;
import dev.shopfront.repository.dynamodb.DynamoDbEmailReservationRepository;
import dev.shopfront.repository.dynamodb.DynamoDbIdempotencyRepository;
import dev.shopfront.repository.dynamodb.DynamoDbImportRepository;
import dev.shopfront.repository.dynamodb.DynamoDbProductRepository;
import dev.shopfront.repository.dynamodb.DynamoDbUserRepository;
import dev.shopfront.service.AccessTokens;
import dev.shopfront.service.Argon2idPasswordHasher;
import dev.shopfront.service.AuthService;
import dev.shopfront.service.Authenticator;
import dev.shopfront.service.CursorCodec;
import dev.shopfront.service.EmailReservations;
import dev.shopfront.service.FingerprintSeal;
import dev.shopfront.service.Idempotency;
import dev.shopfront.service.ImportProgress;
import dev.shopfront.service.ImportQueue;
import dev.shopfront.service.ImportService;
import dev.shopfront.service.ProductImporter;
import dev.shopfront.service.ProductListing;
import dev.shopfront.service.ProductLookup;
import dev.shopfront.service.ProductService;
import dev.shopfront.service.UserCleanup;
import dev.shopfront.service.UserLookup;
import dev.shopfront.service.UserService;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Builds the services once per container (a Lambda execution environment). Each service is made
 * on first use, so a function reads only the configuration of the services it calls, and a
 * missing variable stops the function at init with the variable's name.
 */
public final class Wiring {
    public static final String USERS_TABLE = "USERS_TABLE";
    public static final String EMAILS_TABLE = "EMAILS_TABLE";
    public static final String EMAIL_RESERVATION_GRACE_SECONDS = "EMAIL_RESERVATION_GRACE_SECONDS";
    public static final String PRODUCTS_TABLE = "PRODUCTS_TABLE";
    /** The list cursor signing secret: its ARN on AWS (see {@link SecretValues}). */
    public static final String CURSOR_SECRET = "CURSOR_SECRET_ARN";
    /** The idempotency records of the creating routes (docs/idempotency.md). */
    public static final String IDEMPOTENCY_TABLE = "IDEMPOTENCY_TABLE";

    public static final String IMPORTS_TABLE = "IMPORTS_TABLE";
    /** The import queue's URL (its {@code !Ref}); only the import starter sends to it. */
    public static final String IMPORT_QUEUE_URL = "IMPORT_QUEUE_URL";
    /** Set by Lambda; the SDK clients' region. */
    static final String AWS_REGION = "AWS_REGION";

    private Wiring() {}

    /** The container's user service. */
    public static UserService users() {
        return Users.SERVICE;
    }

    /** A user service for the given configuration and client: the container's, or a test's. */
    public static UserService userService(Environment environment, DynamoDbClient dynamoDb, Clock clock) {
        DynamoDbEnhancedClient enhanced = enhanced(dynamoDb);
        DynamoDbUserRepository users = userRepository(environment, enhanced);
        DynamoDbEmailReservationRepository reservations = reservationRepository(environment, enhanced);
        Duration grace = Duration.ofSeconds(environment.requirePositiveLong(EMAIL_RESERVATION_GRACE_SECONDS));
        return new UserService(
                users, new EmailReservations(reservations, users, clock, grace), new Argon2idPasswordHasher(), clock);
    }

    /** The container's reader of the caller's own user (GET /users/{id}, GET /users/me). */
    public static UserLookup userLookup() {
        return Lookups.USERS;
    }

    /** A reader of the caller's own user for the given configuration and client: the container's, or a test's. */
    public static UserLookup userLookup(Environment environment, DynamoDbClient dynamoDb) {
        return new UserLookup(userRepository(environment, enhanced(dynamoDb)));
    }

    /**
     * The container's configuration, read once. For a function's own wiring class, which builds what
     * only that function needs (the auth functions' token service) on top of this one.
     */
    public static Environment environment() {
        return Container.ENVIRONMENT;
    }

    /** The container's DynamoDB client, built once; for a function's own wiring class, like {@link #environment()}. */
    public static DynamoDbClient dynamoDb() {
        return Container.DYNAMODB;
    }

    /** A token checker for the given configuration, client and tokens: the auth function's, or a test's. */
    public static Authenticator authenticator(Environment environment, DynamoDbClient dynamoDb, AccessTokens tokens) {
        return new Authenticator(tokens, userRepository(environment, enhanced(dynamoDb)));
    }

    /** A sign-in service for the given configuration, client and tokens: the auth function's, or a test's. */
    public static AuthService authService(Environment environment, DynamoDbClient dynamoDb, AccessTokens tokens) {
        DynamoDbEnhancedClient enhanced = enhanced(dynamoDb);
        return new AuthService(
                userRepository(environment, enhanced),
                reservationRepository(environment, enhanced),
                new Argon2idPasswordHasher(),
                tokens);
    }

    /** The container's product service. */
    public static ProductService products() {
        return Products.SERVICE;
    }

    /** The container's product reads by id: the products table only. */
    public static ProductLookup productLookup() {
        return Lookup.SERVICE;
    }

    public static ProductLookup productLookup(Environment environment, DynamoDbClient dynamoDb) {
        return new ProductLookup(new DynamoDbProductRepository(dynamoDb, environment.require(PRODUCTS_TABLE)));
    }

    /** The container's product listing. */
    public static ProductListing productListing() {
        return Listing.SERVICE;
    }

    public static ProductService productService(Environment environment, DynamoDbClient dynamoDb, Clock clock) {
        return new ProductService(
                new DynamoDbProductRepository(dynamoDb, environment.require(PRODUCTS_TABLE)),
                userRepository(environment, enhanced(dynamoDb)),
                clock);
    }

    public static ProductListing productListing(Environment environment, DynamoDbClient dynamoDb) {
        return new ProductListing(
                new DynamoDbProductRepository(dynamoDb, environment.require(PRODUCTS_TABLE)),
                new CursorCodec(SecretValues.read(environment, CURSOR_SECRET)));
    }

    /** The container's idempotency records, for a route whose bodies hold nothing secret. */
    public static Idempotency idempotency() {
        return PlainIdempotency.SERVICE;
    }

    /**
     * The container's idempotency records, for a route whose bodies hold a password: the record keeps
     * only an Argon2id hash of a body's digest (see {@link FingerprintSeal#hashedWith}).
     */
    public static Idempotency idempotencyOfSecretBodies() {
        return SealedIdempotency.SERVICE;
    }

    /** Idempotency records for the given configuration and client: the container's, or a test's. */
    public static Idempotency idempotency(
            Environment environment, DynamoDbClient dynamoDb, FingerprintSeal seal, Clock clock) {
        return new Idempotency(
                new DynamoDbIdempotencyRepository(dynamoDb, environment.require(IDEMPOTENCY_TABLE)), seal, clock);
    }

    /** The container's clean-up of deleted users' products and reservations. */
    public static UserCleanup userCleanup() {
        return Cleanup.SERVICE;
    }

    /** Only the two repositories the clean-up writes to: no user service, no password hasher. */
    public static UserCleanup userCleanup(Environment environment, DynamoDbClient dynamoDb) {
        return new UserCleanup(
                new DynamoDbProductRepository(dynamoDb, environment.require(PRODUCTS_TABLE)),
                reservationRepository(environment, enhanced(dynamoDb)));
    }

    /** The container's import starter: the only service that builds an SQS client. */
    public static ImportService imports() {
        return Imports.SERVICE;
    }

    /** An import starter sending to {@code queue}: the container's, or a test's. */
    public static ImportService importService(
            Environment environment, DynamoDbClient dynamoDb, ImportQueue queue, Clock clock) {
        return new ImportService(
                new DynamoDbImportRepository(dynamoDb, environment.require(IMPORTS_TABLE)),
                userRepository(environment, enhanced(dynamoDb)),
                new ImportedProductRules(),
                queue,
                clock);
    }

    /** The container's import progress (reads only). */
    public static ImportProgress importProgress() {
        return Progress.SERVICE;
    }

    public static ImportProgress importProgress(Environment environment, DynamoDbClient dynamoDb) {
        return new ImportProgress(
                new DynamoDbImportRepository(dynamoDb, environment.require(IMPORTS_TABLE)),
                userRepository(environment, enhanced(dynamoDb)));
    }

    /** The container's consumer of the import queue. */
    public static ProductImporter productImporter() {
        return Importer.SERVICE;
    }

    /** The container's import-queue redelivery; its SQS client is built at the first failed message. */
    public static Redelivery importRedelivery() {
        return Redeliveries.SERVICE;
    }

    public static ProductImporter productImporter(Environment environment, DynamoDbClient dynamoDb, Clock clock) {
        return new ProductImporter(
                new DynamoDbImportRepository(dynamoDb, environment.require(IMPORTS_TABLE)),
                new DynamoDbProductRepository(dynamoDb, environment.require(PRODUCTS_TABLE)),
                userRepository(environment, enhanced(dynamoDb)),
                new ImportedProductRules(),
                clock);
    }

    private static DynamoDbEnhancedClient enhanced(DynamoDbClient dynamoDb) {
        return DynamoDbEnhancedClient.builder().dynamoDbClient(dynamoDb).build();
    }

    private static DynamoDbUserRepository userRepository(Environment environment, DynamoDbEnhancedClient enhanced) {
        return new DynamoDbUserRepository(enhanced, environment.require(USERS_TABLE));
    }

    private static DynamoDbEmailReservationRepository reservationRepository(
            Environment environment, DynamoDbEnhancedClient enhanced) {
        return new DynamoDbEmailReservationRepository(enhanced, environment.require(EMAILS_TABLE));
    }

    /**
     * An HTTP function's service, built while {@link HttpApi#rehearse()} runs the JSON half of a request on a
     * thread of its own, so a plain JVM's first request finds Jackson ready. Building the DynamoDB client leaves
     * a core idle, and Lambda's init phase is reported to have two (docs/decisions.md, "A function's
     * construction uses two threads"). Both are done when this returns: nothing runs on past the construction.
     * Public for a function's own wiring class (the auth functions').
     */
    public static <T> T http(Supplier<T> service) {
        CompletableFuture<Void> rehearsal = CompletableFuture.runAsync(
                HttpApi::rehearse,
                task -> Thread.ofPlatform().name("json-rehearsal").daemon().start(task));
        try {
            return service.get();
        } finally {
            rehearsal.join(); // uninterruptible; the rehearsal logs its own failures and never throws them
        }
    }

    /** Lazy holders: the JVM builds each once, on first use, thread-safely. */
    private static final class Container {
        static final Environment ENVIRONMENT = Environment.system();

        static {
            // Before anything logs: the one logging path (docs/operating.md) takes its name and level from Lambda.
            JsonLog.configure(
                    ENVIRONMENT.optional("AWS_LAMBDA_FUNCTION_NAME").orElse(null),
                    ENVIRONMENT.optional("AWS_LAMBDA_LOG_LEVEL").orElse(null));
            JulBridge.installOnLambda();
        }

        static final DynamoDbClient DYNAMODB = DynamoDbClients.create(
                ENVIRONMENT.require(AWS_REGION), ENVIRONMENT.optional(DynamoDbClients.ENDPOINT_VARIABLE));
    }

    private static final class Lookups {
        static final UserLookup USERS = http(() -> userLookup(Container.ENVIRONMENT, Container.DYNAMODB));
    }

    private static final class Products {
        static final ProductService SERVICE =
                http(() -> productService(Container.ENVIRONMENT, Container.DYNAMODB, Clock.systemUTC()));
    }

    private static final class Lookup {
        static final ProductLookup SERVICE = http(() -> productLookup(Container.ENVIRONMENT, Container.DYNAMODB));
    }

    private static final class Listing {
        static final ProductListing SERVICE = http(() -> productListing(Container.ENVIRONMENT, Container.DYNAMODB));
    }

    private static final class PlainIdempotency {
        static final Idempotency SERVICE = http(
                () -> idempotency(Container.ENVIRONMENT, Container.DYNAMODB, FingerprintSeal.PLAIN, Clock.systemUTC()));
    }

    private static final class SealedIdempotency {
        static final Idempotency SERVICE = http(() -> idempotency(
                Container.ENVIRONMENT,
                Container.DYNAMODB,
                FingerprintSeal.hashedWith(new Argon2idPasswordHasher()),
                Clock.systemUTC()));
    }

    private static final class Cleanup {
        static final UserCleanup SERVICE = userCleanup(Container.ENVIRONMENT, Container.DYNAMODB);
    }

    /** The SQS client is built here only, so the functions that send nothing never load it. */
    private static final class Imports {
        static final ImportService SERVICE = http(() -> importService(
                Container.ENVIRONMENT,
                Container.DYNAMODB,
                new SqsImportQueue(
                        SqsClients.create(
                                Container.ENVIRONMENT.require(AWS_REGION),
                                Container.ENVIRONMENT.optional(SqsClients.ENDPOINT_VARIABLE)),
                        Container.ENVIRONMENT.require(IMPORT_QUEUE_URL)),
                Clock.systemUTC()));
    }

    private static final class Redeliveries {
        static final Redelivery SERVICE = new SqsRedelivery(
                () -> SqsClients.create(
                        Container.ENVIRONMENT.require(AWS_REGION),
                        Container.ENVIRONMENT.optional(SqsClients.ENDPOINT_VARIABLE)),
                Container.ENVIRONMENT.require(IMPORT_QUEUE_URL),
                Duration.ofSeconds(15));
    }

    private static final class Progress {
        static final ImportProgress SERVICE = http(() -> importProgress(Container.ENVIRONMENT, Container.DYNAMODB));
    }

    private static final class Importer {
        static final ProductImporter SERVICE =
                productImporter(Container.ENVIRONMENT, Container.DYNAMODB, Clock.systemUTC());
    }

    private static final class Users {
        static final UserService SERVICE =
                http(() -> userService(Container.ENVIRONMENT, Container.DYNAMODB, Clock.systemUTC()));
    }
}
