package dev.shopfront.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shopfront.devkit.RepoRoot;
import dev.shopfront.devkit.SamTemplate;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The local API as a user starts it warms every function right after its ready line (loaded and
 * SnapStart-primed), so the first request is not a cold start; {@code --no-warm} leaves that to the first
 * request. Priming's own made-up requests never show in the log.
 */
class WarmStartTest {
    private static final Pattern READY = Pattern.compile("ready on (http://127\\.0\\.0\\.1:\\d+)");
    private static final Pattern WARM =
            Pattern.compile("\\[local\\] (\\d+) of (\\d+) functions warm \\((\\d+) primed\\)");
    private static final Duration START = Duration.ofSeconds(90);

    @Test
    void start_warmsAndPrimesEveryFunction_soTheFirstGetProductsIsNoColdStart() throws Exception {
        int functions = SamTemplate.ofRepository().functions().size();
        try (LocalApiProcess api = LocalApiProcess.start()) {
            // when: it says every function is warm
            Matcher warm = WARM.matcher(api.awaitLine(line -> WARM.matcher(line).find()));
            assertTrue(warm.find());

            // then: all of them (priming may fail on a busy machine: it only speeds things up, and is said)
            assertEquals(
                    List.of(functions, functions),
                    List.of(Integer.parseInt(warm.group(1)), Integer.parseInt(warm.group(2))),
                    api.output());
            int primed = Integer.parseInt(warm.group(3));
            assertEquals(
                    functions - primed,
                    api.lines().stream()
                            .filter(line -> line.contains("its priming failed"))
                            .count(),
                    api.output());
            assertEquals(200, api.get("/products").statusCode());
            JsonNode request = api.requestLine("GET /products");
            assertFalse(request.get("coldStart").asBoolean(), request.toString());
            // priming's made-up requests (five rounds of each of its events) were not logged as requests
            assertEquals(
                    1,
                    api.lines().stream()
                            .filter(line -> line.contains("\"message\":\"request\""))
                            .count(),
                    api.output());
        }
    }

    @Test
    void noWarm_leavesTheFirstRequestACold() throws Exception {
        try (LocalApiProcess api = LocalApiProcess.start("--no-warm")) {
            assertEquals(200, api.get("/products").statusCode());

            JsonNode request = api.requestLine("GET /products");
            assertTrue(request.get("coldStart").asBoolean(), request.toString());
            assertTrue(api.lines().stream().noneMatch(line -> WARM.matcher(line).find()), api.output());
        }
    }

    /** {@code shopfront-local start} in a process of its own, its functions' log lines raw, its output read as it comes. */
    private static final class LocalApiProcess implements AutoCloseable {
        private final Process process;
        private final BlockingQueue<String> unread = new LinkedBlockingQueue<>();
        private final List<String> lines = new ArrayList<>();
        private URI url;

        private LocalApiProcess(Process process) {
            this.process = process;
        }

        static LocalApiProcess start(String... options) throws Exception {
            List<String> command = new ArrayList<>(List.of(
                    ProcessHandle.current().info().command().orElseThrow(),
                    "-cp",
                    System.getProperty("java.class.path"),
                    Main.class.getName(),
                    "start",
                    "--in-memory",
                    "--port",
                    "0",
                    "--dynamodb-port",
                    "0",
                    "--sqs-port",
                    "0",
                    "--log-format",
                    "json"));
            command.addAll(List.of(options));
            Process process = new ProcessBuilder(command)
                    .directory(RepoRoot.find().toFile())
                    .redirectErrorStream(true)
                    .start();
            LocalApiProcess api = new LocalApiProcess(process);
            Thread.ofVirtual().name("local-api-output").start(() -> {
                try (BufferedReader output =
                        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = output.readLine()) != null; ) {
                        api.unread.add(line);
                    }
                } catch (java.io.IOException ended) {
                    // The process is gone: what it said is in the lines read so far.
                }
            });
            Matcher ready =
                    READY.matcher(api.awaitLine(line -> READY.matcher(line).find()));
            assertTrue(ready.find());
            api.url = URI.create(ready.group(1));
            return api;
        }

        /** Reads output up to the first line that matches, and returns it; fails if none comes in time. */
        String awaitLine(Predicate<String> wanted) throws InterruptedException {
            long deadline = System.nanoTime() + START.toNanos();
            while (System.nanoTime() < deadline) {
                String line = unread.poll(100, TimeUnit.MILLISECONDS);
                if (line != null) {
                    synchronized (lines) {
                        lines.add(line);
                    }
                    if (wanted.test(line)) {
                        return line;
                    }
                }
            }
            throw new AssertionError("No such line within " + START + "; output:\n" + output());
        }

        HttpResponse<String> get(String path) throws Exception {
            return HttpClient.newHttpClient()
                    .send(HttpRequest.newBuilder(url.resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
        }

        /** The function's own access line (JSON) of the route's request. */
        JsonNode requestLine(String route) throws Exception {
            String line = awaitLine(text -> text.startsWith("{")
                    && text.contains("\"message\":\"request\"")
                    && text.contains("\"route\":\"" + route + "\""));
            return RepoFiles.JSON.readTree(line);
        }

        List<String> lines() {
            synchronized (lines) {
                return List.copyOf(lines);
            }
        }

        String output() {
            return String.join("\n", lines());
        }

        @Override
        public void close() {
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
