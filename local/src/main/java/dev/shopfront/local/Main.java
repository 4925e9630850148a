package dev.shopfront.local;

import dev.shopfront.devkit.Dynalite;
import dev.shopfront.devkit.RepoRoot;
import dev.shopfront.devkit.SamTemplate;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** {@code java -jar local/target/shopfront-local.jar [start|invoke] ...}: Shopfront on this machine, without Docker. */
public final class Main {
    private static final String USAGE = """
            Usage:
              shopfront-local [start] [--port 3000] [--dynamodb-port 8000] [--in-memory]
                              [--dynamodb-endpoint URL] [--template template.yaml]
                  Serves every HttpApi route of template.yaml on http://127.0.0.1:<port>, running each
                  function from the artifact its CodeUri names. Starts dynalite (data kept in
                  .shopfront/dynamodb unless --in-memory) or uses --dynamodb-endpoint.
              shopfront-local invoke FUNCTION --event FILE [--dynamodb-endpoint URL] [--template template.yaml]
                  Runs one function of the template with an event file and prints its response.
            """;

    private Main() {
    }

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

    private static int start(Deque<String> args) {
        long started = System.nanoTime();
        Path template = RepoRoot.find().resolve("template.yaml");
        int port = LocalOptions.DEFAULT_PORT;
        int dynamoDbPort = LocalOptions.DEFAULT_DYNAMODB_PORT;
        URI endpoint = null;
        boolean inMemory = false;
        while (!args.isEmpty()) {
            String option = args.removeFirst();
            switch (option) {
                case "--port" -> port = intValue(option, args);
                case "--dynamodb-port" -> dynamoDbPort = intValue(option, args);
                case "--dynamodb-endpoint" -> endpoint = URI.create(value(option, args));
                case "--in-memory" -> inMemory = true;
                case "--template" -> template = Path.of(value(option, args)).toAbsolutePath();
                case "--help", "-h" -> {
                    System.out.print(USAGE);
                    return 0;
                }
                default -> throw new IllegalArgumentException("Unknown option " + option + "\n" + USAGE);
            }
        }
        Path data = inMemory ? null : template.getParent().resolve(".shopfront/dynamodb");
        LocalApi api = LocalApi.start(new LocalOptions(port, dynamoDbPort, endpoint, data, template));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            api.close();
            System.out.println("Shopfront local API stopped.");
            stopped.countDown();
        }, "local-api-stop"));
        System.out.printf("Shopfront local API ready on %s (%d routes, %d functions; DynamoDB at %s%s) in %d ms. Ctrl-C stops it.%n",
                api.url(), api.router().routes().size(), api.functions().all().size(), api.dynamoDbEndpoint(),
                data == null ? "" : ", data in " + template.getParent().relativize(data),
                (System.nanoTime() - started) / 1_000_000);
        api.router().routes().forEach(route -> System.out.printf("  %-24s -> %s%s%n", route.routeKey(),
                route.function().logicalId(), route.authorizer() == null ? "" : " (authorizer " + route.authorizer() + ")"));
        api.warmInBackground();
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
                case "--dynamodb-endpoint" -> endpoint = URI.create(value(option, args));
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
        try (LocalFunctions functions = LocalFunctions.create(sam, template.getParent(), endpoint, secrets)) {
            LocalFunction function = functions.get(functionId);
            try {
                byte[] output = function.invoke(event, HttpApiEvents.newRequestId());
                System.out.println(new String(output, StandardCharsets.UTF_8));
                return 0;
            } catch (FunctionFailedException e) {
                Throwable cause = e.getCause();
                System.out.println(HttpApiEvents.JSON.createObjectNode()
                        .put("errorMessage", String.valueOf(cause.getMessage()))
                        .put("errorType", cause.getClass().getName()));
                return 1;
            }
        } finally {
            if (dynalite != null) {
                dynalite.close();
            }
        }
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

    private static int intValue(String option, Deque<String> args) {
        String value = value(option, args);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes a port number, not '" + value + "'");
        }
    }

}
