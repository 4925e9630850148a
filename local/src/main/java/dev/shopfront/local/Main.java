package dev.shopfront.local;

import dev.shopfront.devkit.Dynalite;
import dev.shopfront.devkit.LocalSqs;
import dev.shopfront.devkit.QueueDefinitions;
import dev.shopfront.devkit.RepoRoot;
import dev.shopfront.devkit.SamTemplate;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import software.amazon.awssdk.services.sqs.SqsClient;

/** {@code java -jar local/target/shopfront-local.jar [start|invoke] ...}: Shopfront on this machine, without Docker. */
public final class Main {
    private static final String USAGE = """
        Usage:
          shopfront-local [start] [--port 3000] [--dynamodb-port 8000] [--sqs-port 9324] [--in-memory]
                          [--dynamodb-endpoint URL] [--template template.yaml] [--log-format text|json] [--metrics]
                          [--no-warm] [--admin] [--admin-port 8001]
              Serves every HttpApi route of template.yaml on http://127.0.0.1:<port>, running each
              function from the artifact its CodeUri names, and runs its event sources: SQS events
              from an embedded SQS server (ElasticMQ) holding the template's queues, DynamoDB stream
              events from the changes the local API sees. Starts dynalite (data kept in
              .shopfront/dynamodb unless --in-memory) or uses --dynamodb-endpoint. The functions' log
              lines are shown readable, or as JSON with --log-format json; --metrics prints a summary
              of their metrics per route when it stops. Right after the ready line every function is
              loaded and primed in the background, so first requests answer warm; --no-warm leaves
              each to load on its first request. --admin also starts dynamodb-admin, a web page
              to browse and edit the local tables, on http://127.0.0.1:8001 (or --admin-port).
          shopfront-local invoke FUNCTION --event FILE [--dynamodb-endpoint URL] [--template template.yaml]
              Runs one function of the template with an event file (an HTTP API, SQS or DynamoDB
              stream event, as in events/) and prints its response.
        """;

    /** Hibernate Validator's logger, held so its level stays: JUL keeps loggers only weakly. */
    private static final java.util.logging.Logger QUIET = java.util.logging.Logger.getLogger("org.hibernate.validator");

    private Main() {}

    public static void main(String[] args) {
        try {
            System.exit(run(args));
        } catch (IllegalStateException | IllegalArgumentException e) {
            System.err.println("shopfront-local: " + e.getMessage());
            System.exit(2);
        }
    }

    static int run(String[] arguments) {
        Deque<String> args = new ArrayDeque<>(List.of(arguments));
        String command = !args.isEmpty() && !args.peekFirst().startsWith("--") ? args.removeFirst() : "start";
        return switch (command) {
            case "start" -> start(args);
            case "invoke" -> invoke(args);
            case "help" -> {
                System.out.print(USAGE);
                yield 0;
            }
            default -> throw new IllegalArgumentException("Unknown command '" + command + "'\n" + USAGE);
        };
    }

    /**
     * Started by the {@link Launcher} ({@code mvn -Pstart}): stops, as Ctrl-C stops it, when the Launcher's
     * JVM is gone. A Launcher killed outright runs no hook to stop this JVM, which would go on holding the
     * ports, the data folder and its dynalite.
     */
    private static void stopWithTheLauncher() {
        Long launcher = Long.getLong(Launcher.PARENT_PROPERTY);
        if (launcher == null) {
            return;
        }
        Launcher.exitWhenEnded(
                ProcessHandle.of(launcher), "the process that started the local API (pid " + launcher + ") has ended");
    }

    private static int start(Deque<String> args) {
        long started = System.nanoTime();
        Path template = RepoRoot.find().resolve("template.yaml");
        int port = LocalOptions.DEFAULT_PORT;
        int dynamoDbPort = LocalOptions.DEFAULT_DYNAMODB_PORT;
        int sqsPort = LocalOptions.DEFAULT_SQS_PORT;
        URI endpoint = null;
        boolean inMemory = false;
        boolean rawLogs = false;
        boolean metrics = false;
        boolean warm = true;
        boolean admin = false;
        int adminPort = TableBrowser.DEFAULT_PORT;
        while (!args.isEmpty()) {
            String option = args.removeFirst();
            switch (option) {
                case "--log-format" ->
                    rawLogs = switch (value(option, args)) {
                        case "json" -> true;
                        case "text" -> false;
                        default -> throw new IllegalArgumentException("--log-format is text or json\n" + USAGE);
                    };
                case "--metrics" -> metrics = true;
                case "--no-warm" -> warm = false;
                case "--admin" -> admin = true;
                case "--admin-port" -> {
                    admin = true;
                    adminPort = intValue(option, args);
                }
                case "--port" -> port = intValue(option, args);
                case "--dynamodb-port" -> dynamoDbPort = intValue(option, args);
                case "--sqs-port" -> sqsPort = intValue(option, args);
                case "--dynamodb-endpoint" -> endpoint = endpointValue(option, args);
                case "--in-memory" -> inMemory = true;
                case "--template" -> template = Path.of(value(option, args)).toAbsolutePath();
                case "--help", "-h" -> {
                    System.out.print(USAGE);
                    return 0;
                }
                default -> throw new IllegalArgumentException("Unknown option " + option + "\n" + USAGE);
            }
        }
        // The functions' JSON log lines, rendered (docs/operating.md); the libraries' INFO banners stay quiet.
        FunctionLogOutput logs = new FunctionLogOutput(System.out, rawLogs);
        System.setOut(logs.asPrintStream());
        QUIET.setLevel(java.util.logging.Level.WARNING);
        boolean showMetrics = metrics;
        Path data = inMemory ? null : template.getParent().resolve(".shopfront/dynamodb");
        LocalApi api = LocalApi.start(
                new LocalOptions(port, dynamoDbPort, sqsPort, endpoint, data, template), Main::logTrigger);
        TableBrowser browser;
        try {
            browser = admin ? TableBrowser.start(api.capturedDynamoDbEndpoint(), adminPort) : null;
        } catch (RuntimeException e) {
            api.close();
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            // The API first: dynalite's own shutdown hook stops it meanwhile, and the API's watch must
                            // be
                            // closed before it sees that as a death to restart from.
                            api.close();
                            if (browser != null) {
                                browser.close();
                            }
                            if (showMetrics) {
                                logs.printMetrics();
                            }
                            System.out.println("Shopfront local API stopped.");
                            stopped.countDown();
                        },
                        "local-api-stop"));
        stopWithTheLauncher();
        URI sqsAtReady = api.sqsEndpoint().getNow(null);
        System.out.printf(
                "Shopfront local API ready on %s (%d routes, %d event sources, %d functions; DynamoDB at %s%s; SQS at"
                        + " %s) in %d ms. Ctrl-C stops it.%n",
                api.url(),
                api.router().routes().size(),
                api.queueTriggerSettings().size() + api.streamTriggers().size(),
                api.functions().all().size(),
                api.dynamoDbEndpoint(),
                // An endpoint of the user's own keeps its data where that server keeps it: none of ours to name.
                data == null || endpoint != null
                        ? ""
                        : ", data in " + template.getParent().relativize(data),
                sqsAtReady == null ? "a free port, named once it starts" : sqsAtReady,
                (System.nanoTime() - started) / 1_000_000);
        if (browser != null) {
            System.out.println("  Tables: " + browser.url() + " (dynamodb-admin)");
        }
        System.out.println("  Docs:   " + api.url() + ApiDocs.PAGE + " (Swagger UI for openapi.yaml)");
        api.router()
                .routes()
                .forEach(route -> System.out.printf(
                        "  %-30s -> %s%s%n",
                        route.routeKey(),
                        route.function().logicalId(),
                        route.authorizer() == null ? "" : " (authorizer " + route.authorizer() + ")"));
        api.queueTriggerSettings()
                .forEach(settings -> System.out.printf(
                        "  %-30s -> %s (batch %d, window %d s%s)%n",
                        "SQS " + settings.queue(),
                        settings.function(),
                        settings.batchSize(),
                        settings.batchingWindowSeconds(),
                        settings.reportBatchItemFailures() ? ", reports item failures" : ""));
        if (endpoint != null && !api.streamTriggers().isEmpty()) {
            System.out.println("  Stream triggers see the writes made through this local API's change capture only, not"
                    + " writes made to " + endpoint + " directly, nor that server's own streams.");
        }
        api.streamTriggers()
                .forEach(trigger -> System.out.printf(
                        "  %-30s -> %s (batch %d, %s)%n",
                        "stream " + trigger.stream().logicalId(),
                        trigger.function(),
                        trigger.settings().batchSize(),
                        trigger.settings().filter()));
        // The SQS server starts after the ready line; until it has, functions that send to a queue wait for it.
        api.queueTriggersStarted()
                .thenRun(() -> System.out.printf(
                        "[local] SQS server and queue triggers ready at %s in %d ms%n",
                        api.sqsEndpoint().join(), (System.nanoTime() - started) / 1_000_000));
        if (warm) {
            long warming = System.nanoTime();
            int all = api.functions().all().size();
            api.warmInBackground()
                    .thenAccept(warmed -> System.out.printf(
                            "[local] %d of %d functions warm (%d primed) in %d ms: first requests answer without a"
                                    + " cold start%n",
                            warmed.warm().size(),
                            all,
                            warmed.primed().size(),
                            (System.nanoTime() - warming) / 1_000_000));
        }
        api.failure().thenAccept(reason -> {
            System.err.println("shopfront-local: stopping: " + reason);
            // The shutdown hook closes everything and says so.
            System.exit(1);
        });
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private static int invoke(Deque<String> args) {
        if (args.isEmpty() || args.peekFirst().startsWith("--")) {
            throw new IllegalArgumentException("invoke needs a FUNCTION (a logical id from template.yaml)\n" + USAGE);
        }
        String functionId = args.removeFirst();
        Path template = RepoRoot.find().resolve("template.yaml");
        Path eventFile = null;
        URI endpoint = null;
        while (!args.isEmpty()) {
            String option = args.removeFirst();
            switch (option) {
                case "--event", "-e" -> eventFile = Path.of(value(option, args));
                case "--dynamodb-endpoint" -> endpoint = endpointValue(option, args);
                case "--template" -> template = Path.of(value(option, args)).toAbsolutePath();
                default -> throw new IllegalArgumentException("Unknown option " + option + "\n" + USAGE);
            }
        }
        if (eventFile == null) {
            throw new IllegalArgumentException("invoke needs --event FILE\n" + USAGE);
        }
        byte[] event;
        try {
            event = Files.readAllBytes(eventFile);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read event file " + eventFile + ": " + e.getMessage());
        }
        // Like `sam local invoke`: the running local API's database when there is one, else a throwaway one.
        Dynalite dynalite = null;
        if (endpoint == null && listening(LocalOptions.DEFAULT_DYNAMODB_PORT)) {
            endpoint = URI.create("http://127.0.0.1:" + LocalOptions.DEFAULT_DYNAMODB_PORT);
        }
        if (endpoint == null) {
            dynalite = Dynalite.startInMemory();
            endpoint = dynalite.endpoint();
        }
        SamTemplate sam = SamTemplate.read(template);
        // The running local API's secrets, so a token it issued works here too.
        Path secrets = template.getParent().resolve(".shopfront/secrets");
        // Its queues too when it runs (a function that sends finds them), else a throwaway server.
        LocalSqs sqs = listening(LocalOptions.DEFAULT_SQS_PORT) ? null : LocalSqs.start();
        URI sqsEndpoint =
                sqs != null ? sqs.endpoint() : URI.create("http://127.0.0.1:" + LocalOptions.DEFAULT_SQS_PORT);
        try (SqsClient sqsClient = LocalSqs.client(sqsEndpoint);
                LocalFunctions functions = LocalFunctions.create(
                        sam,
                        template.getParent(),
                        endpoint,
                        sqsEndpoint,
                        new QueueDefinitions(sam).createAll(sqsClient, logicalId -> logicalId),
                        LocalTables.create(sam, endpoint),
                        secrets)) {
            LocalFunction function = functions.get(functionId);
            // Like `sam local invoke`: the function's log lines go to stderr, its response alone to stdout.
            PrintStream stdout = System.out;
            System.setOut(System.err);
            try {
                byte[] output = function.invoke(event, HttpApiEvents.newRequestId());
                stdout.println(new String(output, StandardCharsets.UTF_8));
                return 0;
            } catch (FunctionFailedException e) {
                Throwable cause = e.getCause();
                stdout.println(HttpApiEvents.JSON
                        .createObjectNode()
                        .put("errorMessage", String.valueOf(cause.getMessage()))
                        .put("errorType", cause.getClass().getName()));
                return 1;
            } finally {
                System.setOut(stdout);
            }
        } finally {
            if (sqs != null) {
                sqs.close();
            }
            if (dynalite != null) {
                dynalite.close();
            }
        }
    }

    /** One line per trigger invocation: which function, from where, how many records, how many failed, how long. */
    private static void logTrigger(
            String function, String source, int records, int failures, long millis, Throwable error) {
        System.out.printf(
                "[trigger] %s <- %s: %d records, %d failed, %d ms%s%n",
                function,
                source,
                records,
                failures,
                millis,
                error == null ? "" : " (" + error.getClass().getSimpleName() + ")");
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String value(String option, Deque<String> args) {
        if (args.isEmpty()) {
            throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
        }
        return args.removeFirst();
    }

    /** An {@code http} or {@code https} URL with a host, or a clear refusal (the SDK would throw its own, unexplained). */
    static URI endpointValue(String option, Deque<String> args) {
        String value = value(option, args);
        try {
            URI endpoint = new URI(value);
            if (("http".equals(endpoint.getScheme()) || "https".equals(endpoint.getScheme()))
                    && endpoint.getHost() != null) {
                return endpoint;
            }
        } catch (URISyntaxException e) {
            // refused below, as any value that is not such a URL
        }
        throw new IllegalArgumentException(option + " takes a URL such as http://127.0.0.1:8000, not '" + value + "'");
    }

    private static int intValue(String option, Deque<String> args) {
        String value = value(option, args);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes a port number, not '" + value + "'");
        }
    }
}
