package dev.shopfront.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A headless Chromium driven over the DevTools protocol, on the JDK's own WebSocket client: opens a page
 * and evaluates JavaScript in it, enough for a test to see and click what a user would.
 */
final class HeadlessChromium implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> BINARIES =
            List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable");
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

    private HeadlessChromium(Process process, Path profile, WebSocket socket) {
        this.process = process;
        this.profile = profile;
        this.socket = socket;
    }

    /** The first Chromium or Chrome binary on the PATH, if any. */
    static Optional<Path> binary() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String name : BINARIES) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** Starts the browser with a throwaway profile and attaches to its blank first page. */
    static HeadlessChromium start(Path binary) throws Exception {
        Path profile = Files.createTempDirectory("shopfront-chromium");
        Process process = new ProcessBuilder(
                        binary.toString(),
                        "--headless=new",
                        "--remote-debugging-port=0",
                        "--user-data-dir=" + profile,
                        "--no-first-run",
                        "--no-default-browser-check",
                        "--disable-gpu",
                        "--disable-extensions",
                        "--disable-background-networking",
                        "--disable-dev-shm-usage",
                        // CI runs as root, where Chromium's sandbox refuses to start.
                        "--no-sandbox",
                        "about:blank")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            URI browser = browserEndpoint(process);
            // The page targets are listed over HTTP on the same port as the browser's WebSocket.
            URI list = URI.create("http://" + browser.getAuthority() + "/json/list");
            JsonNode targets = JSON.readTree(HttpClient.newHttpClient()
                    .send(HttpRequest.newBuilder(list).build(), HttpResponse.BodyHandlers.ofString())
                    .body());
            String page = null;
            for (JsonNode target : targets) {
                if (target.path("type").asText().equals("page")) {
                    page = target.path("webSocketDebuggerUrl").asText();
                    break;
                }
            }
            if (page == null) {
                throw new IllegalStateException("Chromium lists no page: " + targets);
            }
            Listener listener = new Listener();
            WebSocket socket = HttpClient.newHttpClient()
                    .newWebSocketBuilder()
                    .buildAsync(URI.create(page), listener)
                    .get(10, TimeUnit.SECONDS);
            HeadlessChromium chromium = new HeadlessChromium(process, profile, socket);
            listener.owner = chromium;
            return chromium;
        } catch (Exception | Error e) {
            stop(process, profile);
            throw e;
        }
    }

    /** Reads Chromium's standard error until it says where its DevTools endpoint listens; then keeps draining it. */
    private static URI browserEndpoint(Process process) throws Exception {
        BufferedReader errors =
                new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
        CompletableFuture<URI> endpoint = new CompletableFuture<>();
        StringBuilder said = new StringBuilder();
        Thread.ofVirtual().name("chromium-stderr").start(() -> {
            try {
                for (String line; (line = errors.readLine()) != null; ) {
                    Matcher matcher = LISTENING.matcher(line);
                    if (matcher.find()) {
                        endpoint.complete(URI.create(matcher.group(1)));
                    } else if (!endpoint.isDone()) {
                        said.append(line).append('\n');
                    }
                }
                endpoint.completeExceptionally(new IllegalStateException("Chromium exited before listening:\n" + said));
            } catch (IOException e) {
                endpoint.completeExceptionally(e);
            }
        });
        return endpoint.get(20, TimeUnit.SECONDS);
    }

    /** Opens {@code url} in the page. */
    void navigate(String url) {
        ObjectNode params = JSON.createObjectNode().put("url", url);
        call("Page.navigate", params);
    }

    /** The value of a JavaScript expression in the page (a promise is awaited), as JSON. */
    JsonNode evaluate(String expression) {
        ObjectNode params = JSON.createObjectNode()
                .put("expression", expression)
                .put("returnByValue", true)
                .put("awaitPromise", true);
        JsonNode result = call("Runtime.evaluate", params);
        if (result.has("exceptionDetails")) {
            throw new IllegalStateException(
                    "JavaScript failed: " + result.path("exceptionDetails") + "\n" + expression);
        }
        return result.path("result").path("value");
    }

    /** Evaluates {@code expression} until it is truthy, and returns that value; fails after {@code timeout}. */
    JsonNode waitFor(String expression, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode value = null;
        while (System.nanoTime() < deadline) {
            value = evaluate(expression);
            boolean truthy = !(value.isMissingNode()
                    || value.isNull()
                    || (value.isBoolean() && !value.asBoolean())
                    || (value.isTextual() && value.asText().isEmpty())
                    || (value.isNumber() && value.asDouble() == 0));
            if (truthy) {
                return value;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("Not seen within " + timeout + ": " + expression + " (last: " + value + ")");
    }

    private JsonNode call(String method, ObjectNode params) {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", params);
        try {
            socket.sendText(JSON.writeValueAsString(message), true).get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            JsonNode reply = answer.get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (reply.has("error")) {
                throw new IllegalStateException(method + " failed: " + reply.get("error"));
            }
            return reply.path("result");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during " + method, e);
        } catch (Exception e) {
            throw e instanceof RuntimeException runtime
                    ? runtime
                    : new IllegalStateException(method + " failed: " + e, e);
        } finally {
            pending.remove(id);
        }
    }

    @Override
    public void close() {
        socket.abort();
        stop(process, profile);
    }

    private static void stop(Process process, Path profile) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete the browser profile " + profile, e);
        }
    }

    /** Gathers each DevTools message (it may come in parts) and completes the call it answers; events are dropped. */
    private static final class Listener implements WebSocket.Listener {
        private final StringBuilder message = new StringBuilder();
        private volatile HeadlessChromium owner;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            message.append(data);
            if (last) {
                try {
                    JsonNode json = JSON.readTree(message.toString());
                    HeadlessChromium chromium = owner;
                    if (json.has("id") && chromium != null) {
                        CompletableFuture<JsonNode> answer =
                                chromium.pending.get(json.get("id").asInt());
                        if (answer != null) {
                            answer.complete(json);
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("Chromium sent a message that is not JSON", e);
                } finally {
                    message.setLength(0);
                }
            }
            webSocket.request(1);
            return null;
        }
    }
}
