import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The two event-driven paths through the local API, timed from the client's side:
 * an import of N items from the request to {@code status: done}, and the clean-up of a user with N
 * products from {@code DELETE /users/{id}} answering 204 to the owner list being empty.
 * Each is run {@code bench.runs} times in one JVM against one local API; medians are printed.
 * Run through bench/triggers.sh. Figures, not a test.
 */
public class TriggersBenchmark {
    static final int PORT = Integer.getInteger("bench.port", 3901);
    static final int DYNAMODB_PORT = Integer.getInteger("bench.dynamodbPort", 8901);
    static final int SQS_PORT = Integer.getInteger("bench.sqsPort", 9901);
    static final int ITEMS = Integer.getInteger("bench.items", 1000);
    static final int RUNS = Integer.getInteger("bench.runs", 3);
    static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    static final String BASE = "http://127.0.0.1:" + PORT;

    public static void main(String[] args) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process api = new ProcessBuilder(
                        java,
                        "--sun-misc-unsafe-memory-access=allow",
                        "-jar",
                        Path.of("local/target/shopfront-local.jar").toString(),
                        "start",
                        "--in-memory",
                        "--port",
                        Integer.toString(PORT),
                        "--dynamodb-port",
                        Integer.toString(DYNAMODB_PORT),
                        "--sqs-port",
                        Integer.toString(SQS_PORT))
                .redirectErrorStream(true)
                .start();
        try {
            BufferedReader out =
                    new BufferedReader(new InputStreamReader(api.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null && !line.contains("ready on")) {
                // skip until the ready line
            }
            if (line == null) {
                throw new IllegalStateException("The local API exited before its ready line");
            }
            Thread.ofPlatform().daemon().start(() -> {
                try {
                    while (out.readLine() != null) {
                        // discard the request and trigger log
                    }
                } catch (java.io.IOException closed) {
                    // the local API stopped
                }
            });
            System.out.printf(
                    "%d items per run, %d runs after one warm-up run, local API + dynalite + ElasticMQ on %d cores%n",
                    ITEMS, RUNS, Runtime.getRuntime().availableProcessors());

            List<Double> importSeconds = new ArrayList<>();
            List<Double> cleanupSeconds = new ArrayList<>();
            for (int run = 0; run <= RUNS; run++) {
                String email = "bench-" + run + "-" + System.nanoTime() + "@example.com";
                String userId = createUser(email);
                String token = signIn(email);
                double imported = importAll(token);
                double cleaned = deleteAndWaitForCleanup(userId, token);
                if (run == 0) {
                    System.out.printf("warm-up: import %.2f s, clean-up %.2f s%n", imported, cleaned);
                    continue;
                }
                importSeconds.add(imported);
                cleanupSeconds.add(cleaned);
                System.out.printf(
                        "run %d: import %.2f s (%.0f items/s), clean-up %.2f s (%.0f products/s)%n",
                        run, imported, ITEMS / imported, cleaned, ITEMS / cleaned);
            }
            double importMedian = median(importSeconds);
            double cleanupMedian = median(cleanupSeconds);
            System.out.printf(
                    "import of %d items, 202 to done:        median %.2f s, %.0f items/s (min %.2f, max %.2f)%n",
                    ITEMS,
                    importMedian,
                    ITEMS / importMedian,
                    Collections.min(importSeconds),
                    Collections.max(importSeconds));
            System.out.printf(
                    "clean-up of %d products, 204 to gone:   median %.2f s, %.0f products/s (min %.2f, max %.2f)%n",
                    ITEMS,
                    cleanupMedian,
                    ITEMS / cleanupMedian,
                    Collections.min(cleanupSeconds),
                    Collections.max(cleanupSeconds));
        } finally {
            api.destroy();
            api.waitFor();
        }
    }

    /** Seconds from sending the import to reading it back {@code done} with every item created. */
    static double importAll(String token) throws Exception {
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < ITEMS; i++) {
            items.append(i == 0 ? "" : ",")
                    .append("{\"name\":\"Bench item ")
                    .append(i)
                    .append("\",\"price\":")
                    .append(1 + i % 500)
                    .append(".99,\"currency\":\"EUR\",\"stock\":")
                    .append(i)
                    .append(",\"category\":\"bench\"}");
        }
        long started = System.nanoTime();
        HttpResponse<String> accepted = HTTP.send(
                HttpRequest.newBuilder(URI.create(BASE + "/products/imports"))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + token)
                        .POST(HttpRequest.BodyPublishers.ofString("{\"items\":[" + items + "]}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (accepted.statusCode() != 202) {
            throw new IllegalStateException("Import not accepted: " + accepted.statusCode() + " " + accepted.body());
        }
        String location = accepted.headers().firstValue("Location").orElseThrow();
        while (true) {
            HttpResponse<String> state = HTTP.send(
                    HttpRequest.newBuilder(URI.create(BASE + location))
                            .header("Authorization", "Bearer " + token)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (state.body().contains("\"status\":\"done\"")) {
                double seconds = (System.nanoTime() - started) / 1e9;
                if (!state.body().contains("\"created\":" + ITEMS + ",")) {
                    throw new IllegalStateException("Import done without every item created: " + state.body());
                }
                return seconds;
            }
            if (System.nanoTime() - started > Duration.ofMinutes(5).toNanos()) {
                throw new IllegalStateException("Import not done within 5 minutes: " + state.body());
            }
            Thread.sleep(50);
        }
    }

    /** Seconds from DELETE /users/{id} (204) until the owner list is empty. */
    static double deleteAndWaitForCleanup(String userId, String token) throws Exception {
        long started = System.nanoTime();
        int status = HTTP.send(
                        HttpRequest.newBuilder(URI.create(BASE + "/users/" + userId))
                                .header("Authorization", "Bearer " + token)
                                .DELETE()
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
        if (status != 204) {
            throw new IllegalStateException("DELETE /users/" + userId + " answered " + status);
        }
        while (true) {
            HttpResponse<String> page = HTTP.send(
                    HttpRequest.newBuilder(URI.create(BASE + "/products?limit=1&ownerId=" + userId))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (page.statusCode() == 200 && page.body().startsWith("{\"items\":[]")) {
                return (System.nanoTime() - started) / 1e9;
            }
            if (System.nanoTime() - started > Duration.ofMinutes(5).toNanos()) {
                throw new IllegalStateException("Products still listed 5 minutes after the delete: " + page.body());
            }
            Thread.sleep(50);
        }
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    static String signIn(String email) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(BASE + "/auth/token"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"email\":\"" + email + "\",\"password\":\"correct horse battery\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher token = Pattern.compile("\"accessToken\":\"([^\"]+)\"").matcher(response.body());
        if (response.statusCode() != 200 || !token.find()) {
            throw new IllegalStateException("Could not sign in: " + response.statusCode() + " " + response.body());
        }
        return token.group(1);
    }

    static String createUser(String email) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(BASE + "/users"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"email\":\"" + email + "\",\"password\":\"correct horse battery\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher id = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(response.body());
        if (response.statusCode() != 201 || !id.find()) {
            throw new IllegalStateException(
                    "Could not create the benchmark user: " + response.statusCode() + " " + response.body());
        }
        return id.group(1);
    }
}
