package dev.shopfront.local;

import dev.shopfront.devkit.Dynalite;
import dev.shopfront.devkit.QueueDefinitions.LocalQueue;
import dev.shopfront.devkit.SamTemplate;
import dev.shopfront.devkit.streams.ChangeCapture;
import dev.shopfront.devkit.streams.FailureDestination;
import dev.shopfront.devkit.streams.StreamEventSource;
import dev.shopfront.devkit.triggers.SqsEventSource;
import dev.shopfront.devkit.triggers.TriggerLog;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * Shopfront on this machine: every HttpApi route of template.yaml served from the built function
 * artifacts, with a DynamoDB-protocol server holding the template's tables.
 */
final class LocalApi implements AutoCloseable {
    private final LocalHttpServer server;
    private final Dynalite dynalite;
    private final int sqsPort;
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

    private LocalApi(
            LocalHttpServer server,
            Dynalite dynalite,
            int sqsPort,
            CompletableFuture<QueueServer> queueServer,
            CompletableFuture<List<SqsEventSource>> queueTriggers,
            List<SqsEventSource.Settings> queueTriggerSettings,
            LocalFunctions functions,
            URI dynamoDbEndpoint,
            Router router,
            ChangeCapture changes,
            List<StreamEventSource> streamTriggers,
            DynaliteWatch watch,
            CompletableFuture<String> failure) {
        this.server = server;
        this.dynalite = dynalite;
        this.sqsPort = sqsPort;
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
     * Runs one part of the start in a thread of its own. Not in the common pool: it has one thread on a
     * two-core machine, and the change capture waited there behind ElasticMQ's 1.6 s start, on the ready
     * path (BENCHMARKS.md, "the start's parts in threads of their own").
     */
    private static <T> CompletableFuture<T> startingAside(String name, Supplier<T> part) {
        return CompletableFuture.supplyAsync(
                part, task -> Thread.ofPlatform().daemon().name("start-" + name).start(task));
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
        CompletableFuture<Dynalite> starting = options.dynamoDbEndpoint() != null
                ? null
                : startingAside("dynalite", () -> Dynalite.start(options.dynamoDbPort(), options.dataDirectory()));
        // The HTTP server binds while the template is read: Jetty's start-up took 1.1-1.5 s of a 5-6 s start at
        // load 7 (BENCHMARKS.md, "The ready line through the Launcher").
        CompletableFuture<LocalHttpServer> binding =
                startingAside("http-bind", () -> LocalHttpServer.bind(options.port()));
        SamTemplate template;
        LocalHttpServer server;
        int sqsPort = options.sqsPort();
        try {
            template = SamTemplate.read(options.template());
            server = joined(binding);
            QueueServer.checkFree(sqsPort);
        } catch (RuntimeException e) {
            binding.thenAccept(LocalHttpServer::close);
            if (starting != null) {
                starting.thenAccept(Dynalite::close);
            }
            throw e;
        }
        Path root = options.template().toAbsolutePath().getParent();
        // ElasticMQ takes the longest to start (NOTES.md: about 1.6 s): it starts, and gets the
        // template's queues (in memory: a restart starts with empty queues, as a fresh stack would),
        // off the ready path.
        CompletableFuture<QueueServer> queueServer =
                startingAside("sqs-server", () -> QueueServer.start(template, sqsPort));
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
            CompletableFuture<ChangeCapture> capturing = startingAside(
                    "change-capture", () -> ChangeCapture.start(database, template, LocalTables.names(template)));
            Map<String, String> tables;
            try {
                tables = LocalTables.create(template, database);
            } finally {
                changes = joined(capturing);
            }
            // Secrets live beside the data: kept when the data is, fresh when it is thrown away.
            Path secrets = options.dataDirectory() == null
                    ? null
                    : options.dataDirectory().resolveSibling("secrets");
            // Only the functions allowed to write a streamed table go through the capture: it costs
            // milliseconds per call, and reads and other tables need nothing recorded (BENCHMARKS.md).
            URI capture = changes.endpoint();
            Set<String> streamed = LocalTables.streamed(template);
            functions = LocalFunctions.create(
                    template,
                    root,
                    definition -> definition.writesToAny(streamed) ? capture : database,
                    queueServer.thenApply(QueueServer::forFunctions),
                    tables,
                    secrets);
            Router router = new Router(
                    Route.ofTemplate(template, functions),
                    functions.authorizers(),
                    new ApiDocs(root.resolve("openapi.yaml")));
            List<SqsEventSource.Settings> queueTriggerSettings = SqsEventSource.Settings.ofTemplate(template);
            LocalFunctions started = functions;
            // Lambda puts a description of a batch it gave up on in the on-failure queue.
            FailureDestination failureQueue = (queue, message) -> {
                QueueServer queues = joined(queueServer);
                queues.sqs()
                        .client()
                        .sendMessage(r -> r.queueUrl(queues.url(queue)).messageBody(message));
            };
            for (StreamEventSource source : StreamEventSource.ofTemplate(
                    template,
                    changes,
                    id -> event -> started.get(id).invoke(event, HttpApiEvents.newRequestId()),
                    failureQueue)) {
                streamTriggers.add(source.triggerLog(triggerLog).start());
            }
            CompletableFuture<String> failure = new CompletableFuture<>();
            DynaliteWatch watch = null;
            if (dynalite != null) {
                URI direct = dynalite.endpoint();
                watch = DynaliteWatch.start(
                        dynalite, () -> LocalTables.create(template, direct), System.err::println, failure::complete);
            }
            server.start(router);
            CompletableFuture<List<SqsEventSource>> queueTriggers = queueServer.thenApply(queues -> {
                List<SqsEventSource> polling = new ArrayList<>();
                for (SqsEventSource.Settings settings : queueTriggerSettings) {
                    LocalFunction function = started.get(settings.function());
                    LocalQueue queue = queues.queues().get(settings.queue());
                    polling.add(SqsEventSource.start(
                            settings,
                            queues.sqs().client(),
                            queue.url(),
                            queue.arn(),
                            event -> function.invoke(event, HttpApiEvents.newRequestId()),
                            triggerLog));
                }
                return List.copyOf(polling);
            });
            queueTriggers.exceptionally(e -> {
                failure.complete("the SQS server (ElasticMQ) did not start: "
                        + (e.getCause() == null ? e : e.getCause()).getMessage());
                return null;
            });
            return new LocalApi(
                    server,
                    dynalite,
                    sqsPort,
                    queueServer,
                    queueTriggers,
                    queueTriggerSettings,
                    functions,
                    endpoint,
                    router,
                    changes,
                    List.copyOf(streamTriggers),
                    watch,
                    failure);
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

    int port() {
        return server.port();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + port());
    }

    URI dynamoDbEndpoint() {
        return dynamoDbEndpoint;
    }

    /**
     * The SQS server's endpoint: known at once for an asked port; for port 0 only once ElasticMQ has bound,
     * which the ready line does not wait for.
     */
    CompletableFuture<URI> sqsEndpoint() {
        return sqsPort != 0
                ? CompletableFuture.completedFuture(URI.create("http://127.0.0.1:" + sqsPort))
                : queueServer.thenApply(started -> started.sqs().endpoint());
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
            // As many loads at a time as there are cores: loading is CPU, so more at once finishes no sooner,
            // and a request that loads its own function meanwhile shares the cores with every one of them.
            Semaphore cores = new Semaphore(Runtime.getRuntime().availableProcessors());
            for (LocalFunction function : functions.all()) {
                loading.put(
                        function,
                        Thread.ofVirtual().name("warm-" + function.logicalId()).start(() -> {
                            cores.acquireUninterruptibly();
                            try {
                                if (!warmStep(function, "did not load", function::load)) {
                                    failed.add(function.logicalId());
                                }
                            } finally {
                                cores.release();
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
                if (warmStep(
                                function,
                                "was loaded, but its priming failed (its first request may be slower)",
                                () -> didPrime[0] = function.prime())
                        && didPrime[0]) {
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
            String reason = e instanceof FunctionFailedException && e.getCause() != null
                    ? e.getCause().toString()
                    : e.getMessage();
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
    record Warmed(List<String> warm, List<String> primed) {}

    @Override
    public void close() {
        closing = true;
        if (watch != null) {
            watch.close();
        }
        server.close();
        // Triggers stop before the functions and servers they use. ElasticMQ may still be starting:
        // its threads would keep the JVM alive, so it is stopped once it has.
        List<SqsEventSource> polling = queueTriggers
                .handle((started, failed) -> started == null ? List.<SqsEventSource>of() : started)
                .join();
        polling.forEach(SqsEventSource::close);
        streamTriggers.forEach(StreamEventSource::close);
        functions.close();
        changes.close();
        queueServer
                .handle((started, failed) -> started)
                .thenAccept(started -> {
                    if (started != null) {
                        started.sqs().close();
                    }
                })
                .join();
        if (dynalite != null) {
            dynalite.close();
        }
    }

    private static <T> T joined(CompletableFuture<T> starting) {
        try {
            return starting.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }
}
