package dev.shopfront.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shopfront.devkit.Dynalite;
import dev.shopfront.devkit.FunctionDefinition;
import dev.shopfront.devkit.FunctionDefinition.HttpRoute;
import dev.shopfront.devkit.LocalDynamoDb;
import dev.shopfront.devkit.LocalSqs;
import dev.shopfront.devkit.QueueDefinitions;
import dev.shopfront.devkit.QueueDefinitions.LocalQueue;
import dev.shopfront.devkit.streams.ChangeCapture;
import dev.shopfront.devkit.streams.FailureDestination;
import dev.shopfront.devkit.streams.StreamEventSource;
import dev.shopfront.devkit.triggers.SqsEventSource;
import dev.shopfront.devkit.triggers.TriggerLog;
import dev.shopfront.devkit.SamTemplate;
import dev.shopfront.devkit.TableDefinitions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Shopfront on this machine: every HttpApi route of template.yaml served from the built function
 * artifacts, with a DynamoDB-protocol server holding the template's tables.
 */
final class LocalApi implements AutoCloseable {
    private final LocalHttpServer server;
    private final Dynalite dynalite;
    private final URI sqsEndpoint;
    private final CompletableFuture<QueueServer> queueServer;
    private final CompletableFuture<List<SqsEventSource>> queueTriggers;
    private final List<SqsEventSource.Settings> queueTriggerSettings;
    private final LocalFunctions functions;
    private final URI dynamoDbEndpoint;
    private final Router router;
    private final ChangeCapture changes;
    private final List<StreamEventSource> streamTriggers;
    private final DynaliteWatch watch;
    private final CompletableFuture<String> failure;
    // Set by close(): warming, still running in the background, stops quietly.
    private volatile boolean closing;

    private LocalApi(LocalHttpServer server, Dynalite dynalite, URI sqsEndpoint, CompletableFuture<QueueServer> queueServer,
            CompletableFuture<List<SqsEventSource>> queueTriggers, List<SqsEventSource.Settings> queueTriggerSettings,
            LocalFunctions functions, URI dynamoDbEndpoint, Router router, ChangeCapture changes, List<StreamEventSource> streamTriggers,
            DynaliteWatch watch, CompletableFuture<String> failure) {
        this.server = server;
        this.dynalite = dynalite;
        this.sqsEndpoint = sqsEndpoint;
        this.queueServer = queueServer;
        this.queueTriggers = queueTriggers;
        this.queueTriggerSettings = queueTriggerSettings;
        this.functions = functions;
        this.dynamoDbEndpoint = dynamoDbEndpoint;
        this.router = router;
        this.changes = changes;
        this.streamTriggers = streamTriggers;
        this.watch = watch;
        this.failure = failure;
    }

    static LocalApi start(LocalOptions options) {
        return start(options, TriggerLog.NONE);
    }

    /**
     * Starts everything and returns once HTTP requests are served. The SQS server (ElasticMQ, the
     * slowest part to start) is still starting then: a function whose environment names a queue
     * waits for it when it loads, and the queue triggers start polling as soon as it has the queues
     * (see {@link #queueTriggers()}), so nothing sent is missed; everything else does not wait.
     *
     * @param triggerLog hears of every invocation by a queue or stream trigger
     */
    static LocalApi start(LocalOptions options, TriggerLog triggerLog) {
        // dynalite is a Node process: it starts while this JVM reads the template and binds the port.
        CompletableFuture<Dynalite> starting = options.dynamoDbEndpoint() != null ? null
                : CompletableFuture.supplyAsync(() -> Dynalite.start(options.dynamoDbPort(), options.dataDirectory()));
        SamTemplate template;
        LocalHttpServer server;
        int sqsPort;
        try {
            template = SamTemplate.read(options.template());
            server = LocalHttpServer.bind(options.port());
            sqsPort = sqsPort(options.sqsPort(), server);
        } catch (RuntimeException e) {
            if (starting != null) {
                starting.thenAccept(Dynalite::close);
            }
            throw e;
        }
        Path root = options.template().toAbsolutePath().getParent();
        URI sqsEndpoint = URI.create("http://127.0.0.1:" + sqsPort);
        // ElasticMQ takes the longest to start (NOTES.md: about 1.6 s): it starts, and gets the
        // template's queues (in memory: a restart starts with empty queues, as a fresh stack would),
        // off the ready path.
        CompletableFuture<QueueServer> queueServer = CompletableFuture.supplyAsync(() -> QueueServer.start(template, sqsPort));
        Dynalite dynalite = null;
        LocalFunctions functions = null;
        ChangeCapture changes = null;
        List<StreamEventSource> streamTriggers = new ArrayList<>();
        try {
            URI endpoint = options.dynamoDbEndpoint();
            if (starting != null) {
                dynalite = joined(starting);
                endpoint = dynalite.endpoint();
            }
            // No Docker-free DynamoDB has streams: the functions that write a streamed table reach the
            // database through a pass-through endpoint that records those writes. It starts while the
            // tables are created (directly: creating a table records nothing).
            URI database = endpoint;
            CompletableFuture<ChangeCapture> capturing = CompletableFuture.supplyAsync(
                    () -> ChangeCapture.start(database, template, localTableNames(template)));
            Map<String, String> tables;
            try {
                tables = tableNames(template, database);
            } finally {
                changes = joined(capturing);
            }
            // Secrets live beside the data: kept when the data is, fresh when it is thrown away.
            Path secrets = options.dataDirectory() == null ? null : options.dataDirectory().resolveSibling("secrets");
            // Only the functions allowed to write a streamed table go through the capture: it costs
            // milliseconds per call, and reads and other tables need nothing recorded (BENCHMARKS.md).
            URI capture = changes.endpoint();
            Set<String> streamed = streamedTables(template);
            functions = LocalFunctions.create(template, root,
                    definition -> writesToAny(definition, streamed) ? capture : database, sqsEndpoint,
                    queueServer.thenApply(QueueServer::queues), tables, secrets);
            Router router = new Router(routes(template, functions), functions.authorizers(), new ApiDocs(root.resolve("openapi.yaml")));
            List<SqsEventSource.Settings> queueTriggerSettings = queueTriggerSettings(template);
            LocalFunctions started = functions;
            // Lambda puts a description of a batch it gave up on in the on-failure queue.
            FailureDestination failureQueue = (queue, message) -> {
                QueueServer queues = joined(queueServer);
                queues.sqs().client().sendMessage(r -> r.queueUrl(queueUrl(queues.queues(), queue)).messageBody(message));
            };
            for (StreamEventSource source : StreamEventSource.ofTemplate(template, changes,
                    id -> event -> started.get(id).invoke(event, HttpApiEvents.newRequestId()), failureQueue)) {
                streamTriggers.add(source.triggerLog(triggerLog).start());
            }
            CompletableFuture<String> failure = new CompletableFuture<>();
            DynaliteWatch watch = null;
            if (dynalite != null) {
                URI direct = dynalite.endpoint();
                watch = DynaliteWatch.start(dynalite, () -> tableNames(template, direct), System.err::println, failure::complete);
            }
            server.start(router);
            CompletableFuture<List<SqsEventSource>> queueTriggers = queueServer.thenApply(queues -> {
                List<SqsEventSource> polling = new ArrayList<>();
                for (SqsEventSource.Settings settings : queueTriggerSettings) {
                    LocalFunction function = started.get(settings.function());
                    LocalQueue queue = queues.queues().get(settings.queue());
                    polling.add(SqsEventSource.start(settings, queues.sqs().client(), queue.url(), queue.arn(),
                            event -> function.invoke(event, HttpApiEvents.newRequestId()), triggerLog));
                }
                return List.copyOf(polling);
            });
            queueTriggers.exceptionally(e -> {
                failure.complete("the SQS server (ElasticMQ) did not start: " + (e.getCause() == null ? e : e.getCause()).getMessage());
                return null;
            });
            return new LocalApi(server, dynalite, sqsEndpoint, queueServer, queueTriggers, queueTriggerSettings, functions, endpoint,
                    router, changes, List.copyOf(streamTriggers), watch, failure);
        } catch (RuntimeException e) {
            server.close();
            // ElasticMQ's threads would keep the JVM alive: stop it whenever it is done starting.
            queueServer.thenAccept(started -> started.sqs().close());
            streamTriggers.forEach(StreamEventSource::close);
            if (changes != null) {
                changes.close();
            }
            if (functions != null) {
                functions.close();
            }
            if (dynalite != null) {
                dynalite.close();
            } else if (starting != null) {
                starting.thenAccept(Dynalite::close);
            }
            throw e;
        }
    }

    /** The SQS server's port, chosen before it starts so the functions can be told it; a taken port fails now. */
    private static int sqsPort(int asked, LocalHttpServer server) {
        try (ServerSocket probe = new ServerSocket(asked, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        } catch (IOException e) {
            server.close();
            throw new IllegalStateException("Port " + asked + " is in use: stop what holds it, or start with --sqs-port <another>", e);
        }
    }

    /** Every SQS event of the template's functions, each naming a queue the template declares. */
    private static List<SqsEventSource.Settings> queueTriggerSettings(SamTemplate template) {
        Set<String> queueIds = template.resourcesOfType("AWS::SQS::Queue").keySet();
        List<SqsEventSource.Settings> settings = new ArrayList<>();
        for (FunctionDefinition definition : template.functions()) {
            for (SqsEventSource.Settings one : SqsEventSource.Settings.of(definition)) {
                if (!queueIds.contains(one.queue())) {
                    throw new IllegalStateException("Function " + definition.logicalId() + ": its SQS event names "
                            + one.queue() + ", which is not an AWS::SQS::Queue of the template");
                }
                settings.add(one);
            }
        }
        return List.copyOf(settings);
    }

    int port() {
        return server.port();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + port());
    }

    URI dynamoDbEndpoint() {
        return dynamoDbEndpoint;
    }

    URI sqsEndpoint() {
        return sqsEndpoint;
    }

    /**
     * The DynamoDB endpoint that records writes to streamed tables for their stream triggers: a table
     * browser pointed here edits the tables as the functions do, and its deletes reach the triggers too.
     */
    URI capturedDynamoDbEndpoint() {
        return changes.endpoint();
    }

    /** The queue triggers, one per SQS event of a function: waits until they poll (the SQS server has started). */
    List<SqsEventSource> queueTriggers() {
        return joined(queueTriggers);
    }

    /** The queue triggers' settings, known before they start. */
    List<SqsEventSource.Settings> queueTriggerSettings() {
        return queueTriggerSettings;
    }

    /** Completes when the queue triggers poll: the SQS server has started and holds the template's queues. */
    CompletableFuture<List<SqsEventSource>> queueTriggersStarted() {
        return queueTriggers;
    }

    /** The stream triggers: one per DynamoDB event of a function. */
    List<StreamEventSource> streamTriggers() {
        return streamTriggers;
    }

    /**
     * Completes with the reason when the local API cannot go on (its database died and could not
     * be restarted); the caller should say it and stop.
     */
    CompletableFuture<String> failure() {
        return failure;
    }

    /** The dynalite child process the local API started, or null when it uses another server. */
    Dynalite dynalite() {
        return dynalite;
    }

    Router router() {
        return router;
    }

    LocalFunctions functions() {
        return functions;
    }

    /**
     * Warms every function in the background, so first requests find them warm: loads them all at once,
     * then primes them one at a time (priming them all at once on a two-core machine took the DynamoDB
     * calls past their 5 s budget). Completes with the functions loaded and those of them primed; a
     * failure is said on stderr (a function that did not load is left out: its first request tries again).
     */
    CompletableFuture<Warmed> warmInBackground() {
        CompletableFuture<Warmed> warmed = new CompletableFuture<>();
        Thread.ofVirtual().name("warm").start(() -> {
            Map<LocalFunction, Thread> loading = new LinkedHashMap<>();
            Set<String> failed = java.util.concurrent.ConcurrentHashMap.newKeySet();
            for (LocalFunction function : functions.all()) {
                loading.put(function, Thread.ofVirtual().name("warm-" + function.logicalId()).start(() -> {
                    if (!warmStep(function, "did not load", function::load)) {
                        failed.add(function.logicalId());
                    }
                }));
            }
            List<String> ready = new ArrayList<>();
            List<String> primed = new ArrayList<>();
            for (Map.Entry<LocalFunction, Thread> load : loading.entrySet()) {
                LocalFunction function = load.getKey();
                try {
                    load.getValue().join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    warmed.completeExceptionally(e);
                    return;
                }
                if (closing) {
                    warmed.cancel(false); // stopping: no summary of a warming cut short
                    return;
                }
                if (failed.contains(function.logicalId())) {
                    continue;
                }
                ready.add(function.logicalId());
                // Priming only speeds the first request up: a function whose priming failed (a busy machine
                // can take a DynamoDB call past its budget) is loaded, and works.
                boolean[] didPrime = new boolean[1];
                if (warmStep(function, "was loaded, but its priming failed (its first request may be slower)",
                        () -> didPrime[0] = function.prime()) && didPrime[0]) {
                    primed.add(function.logicalId());
                }
            }
            warmed.complete(new Warmed(List.copyOf(ready), List.copyOf(primed)));
        });
        return warmed;
    }

    /** One step of warming; a failure is said, never thrown: the function's first request meets it too. */
    private boolean warmStep(LocalFunction function, String failed, Runnable step) {
        try {
            step.run();
            return true;
        } catch (RuntimeException | LinkageError e) {
            if (closing) {
                return false; // stopping: the function's class loader was closed under this step, nothing to say
            }
            String reason = e instanceof FunctionFailedException && e.getCause() != null ? e.getCause().toString() : e.getMessage();
            System.err.println("[local] " + function.logicalId() + " " + failed + ": " + reason);
            return false;
        }
    }

    /**
     * What {@link #warmInBackground()} did.
     *
     * @param warm the functions loaded
     * @param primed those of them whose SnapStart priming ran
     */
    record Warmed(List<String> warm, List<String> primed) {
    }

    @Override
    public void close() {
        closing = true;
        if (watch != null) {
            watch.close();
        }
        server.close();
        // Triggers stop before the functions and servers they use. ElasticMQ may still be starting:
        // its threads would keep the JVM alive, so it is stopped once it has.
        List<SqsEventSource> polling = queueTriggers.handle((started, failed) -> started == null ? List.<SqsEventSource>of() : started)
                .join();
        polling.forEach(SqsEventSource::close);
        streamTriggers.forEach(StreamEventSource::close);
        functions.close();
        changes.close();
        queueServer.handle((started, failed) -> started).thenAccept(started -> {
            if (started != null) {
                started.sqs().close();
            }
        }).join();
        if (dynalite != null) {
            dynalite.close();
        }
    }

    private static List<Route> routes(SamTemplate template, LocalFunctions functions) {
        Map<String, String> seen = new LinkedHashMap<>();
        List<Route> routes = new ArrayList<>();
        for (FunctionDefinition definition : template.functions()) {
            for (HttpRoute route : definition.routes()) {
                String earlier = seen.putIfAbsent(route.routeKey(), definition.logicalId());
                if (earlier != null) {
                    throw new IllegalStateException("Route " + route.routeKey() + " is declared twice in template.yaml, by "
                            + earlier + " and " + definition.logicalId() + ": keep one");
                }
                routes.add(new Route(route, functions.get(definition.logicalId()), authorizerOf(template, route)));
            }
        }
        return routes;
    }

    /** The route's own Auth.Authorizer, else its API's DefaultAuthorizer; NONE means public. */
    private static String authorizerOf(SamTemplate template, HttpRoute route) {
        JsonNode own = route.properties().path("Auth").path("Authorizer");
        String name = own.isMissingNode() ? null : own.asText();
        if (name == null) {
            JsonNode api = LocalFunctions.apiOf(template, route);
            name = api == null ? null : api.path("Properties").path("Auth").path("DefaultAuthorizer").asText(null);
        }
        return name == null || name.equals("NONE") ? null : name;
    }


    static Map<String, String> tableNames(SamTemplate template, URI endpoint) {
        try (DynamoDbClient client = LocalDynamoDb.client(endpoint)) {
            // Locally a table is named by its logical id: short, and the same on every run.
            return new TableDefinitions(template).createAll(client, logicalId -> logicalId);
        }
    }

    /** ElasticMQ with the template's queues. */
    private record QueueServer(LocalSqs sqs, Map<String, LocalQueue> queues) {
        static QueueServer start(SamTemplate template, int port) {
            LocalSqs sqs = LocalSqs.start(port);
            try {
                return new QueueServer(sqs, LocalApi.queues(template, sqs));
            } catch (RuntimeException e) {
                sqs.close();
                throw e;
            }
        }
    }

    private static <T> T joined(CompletableFuture<T> starting) {
        try {
            return starting.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** The tables whose template declares a StreamSpecification. */
    static Set<String> streamedTables(SamTemplate template) {
        Set<String> streamed = new java.util.TreeSet<>();
        template.resourcesOfType("AWS::DynamoDB::Table").forEach((id, table) -> {
            if (!table.path("Properties").path("StreamSpecification").isMissingNode()) {
                streamed.add(id);
            }
        });
        return streamed;
    }

    private static final Set<String> WRITE_ACTIONS = Set.of("dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem",
            "dynamodb:BatchWriteItem", "dynamodb:*", "*");

    /** Whether the function's policies let it write one of {@code tables}: a statement or a SAM write policy template. */
    static boolean writesToAny(FunctionDefinition function, Set<String> tables) {
        for (JsonNode policy : function.properties().path("Policies")) {
            for (String template : List.of("DynamoDBCrudPolicy", "DynamoDBWritePolicy")) {
                if (tables.contains(policy.path(template).path("TableName").path("Ref").asText(""))) {
                    return true;
                }
            }
            for (JsonNode statement : policy.path("Statement")) {
                JsonNode actions = statement.path("Action");
                boolean writes = false;
                for (JsonNode action : actions.isArray() ? actions : List.of(actions)) {
                    writes |= WRITE_ACTIONS.contains(action.asText());
                }
                String resources = statement.path("Resource").toString();
                if (writes && tables.stream().anyMatch(t -> resources.contains("\"" + t + "\"") || resources.contains("${" + t + "."))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Locally a table is named by its logical id: short, and the same on every run. */
    private static Map<String, String> localTableNames(SamTemplate template) {
        Map<String, String> names = new LinkedHashMap<>();
        template.resourcesOfType("AWS::DynamoDB::Table").keySet().forEach(id -> names.put(id, id));
        return names;
    }

    private static String queueUrl(Map<String, LocalQueue> queues, String logicalId) {
        LocalQueue queue = queues.get(logicalId);
        if (queue == null) {
            throw new IllegalStateException("On-failure destination " + logicalId + " is not an AWS::SQS::Queue of the template");
        }
        return queue.url();
    }

    /** Creates the template's queues (named by logical id) on the local SQS server, or finds them from an earlier run. */
    static Map<String, LocalQueue> queues(SamTemplate template, LocalSqs sqs) {
        return new QueueDefinitions(template).createAll(sqs.client(), logicalId -> logicalId);
    }
}
