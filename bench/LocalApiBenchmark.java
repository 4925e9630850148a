import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Starts the local API from its built jar and measures: the time from start to the ready line,
 * then requests/s and p50/p99 latency of GET /users/{id} (with a bearer token, so through the
 * authorizer as on AWS) and POST /users at a fixed concurrency.
 * Run through bench/local-api.sh. Figures, not a test: nothing here passes or fails.
 */
public class LocalApiBenchmark {
    static final int PORT = Integer.getInteger("bench.port", 3900);
    static final int DYNAMODB_PORT = Integer.getInteger("bench.dynamodbPort", 8900);
    static final int SECONDS = Integer.getInteger("bench.seconds", 30);
    static final int CONCURRENCY = Integer.getInteger("bench.concurrency", 4);
    static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public static void main(String[] args) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        // -Dbench.jar=<another build> compares builds on the same machine minutes apart.
        Path jar = Path.of(System.getProperty("bench.jar", "local/target/shopfront-local.jar"));
        // Started as `mvn -Pstart` starts it: through the Launcher, with the ahead-of-time cache the
        // first start of a build writes as it stops; that first start is made here, untimed.
        boolean cached = Boolean.parseBoolean(System.getProperty("bench.archive", "true"));
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(
                cached
                        ? List.of("-cp", jar.toString(), "dev.shopfront.local.Launcher")
                        : List.of("--sun-misc-unsafe-memory-access=allow", "-jar", jar.toString()));
        command.addAll(List.of(
                "start",
                "--in-memory",
                "--port",
                Integer.toString(PORT),
                "--dynamodb-port",
                Integer.toString(DYNAMODB_PORT),
                // Its own SQS port too, so the benchmark runs beside a local API on the default ports.
                "--sqs-port",
                Integer.toString(DYNAMODB_PORT + 1000)));
        if (cached) {
            System.out.println(
                    "one start and stop first, not timed: the build's start-up cache is written then if it is new");
            // Its output goes to a file, not a pipe: a pipe nobody reads any more fills up, and the JVM,
            // writing as it stops, would block before its cache is written.
            Path firstLog = Files.createTempFile("shopfront-bench-first-start", ".log");
            Process first = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(firstLog.toFile())
                    .start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            // until everything has started, so the cache holds what a start uses
            while (!Files.readString(firstLog).contains("queue triggers ready") && first.isAlive()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("The first start did not get ready: see " + firstLog);
                }
                Thread.sleep(200);
            }
            // The cache is written as it stops: wait for it, or the timed start would run without it
            // and beside the JVM still writing it.
            first.destroy();
            first.waitFor();
            Path runs = jar.toAbsolutePath().resolveSibling("run");
            while (!hasCache(runs) && System.nanoTime() < deadline) {
                Thread.sleep(500);
            }
            System.out.println(hasCache(runs) ? "start-up cache written" : "no start-up cache: see " + firstLog);
        }
        long started = System.nanoTime();
        Process api = new ProcessBuilder(command).redirectErrorStream(true).start();
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
            double readyMs = (System.nanoTime() - started) / 1e6;
            // Drain the per-request log so the server never blocks on a full pipe, noting when the
            // SQS server and queue triggers, which start after the ready line, are up.
            java.util.concurrent.CompletableFuture<Double> queuesReadyMs =
                    new java.util.concurrent.CompletableFuture<>();
            // The background warming of every function after the ready line: measured after it, since
            // its class loading and JIT on 2 cores would otherwise be what the latencies measure.
            java.util.concurrent.CompletableFuture<Double> warmMs = new java.util.concurrent.CompletableFuture<>();
            Thread.ofPlatform().daemon().start(() -> {
                try {
                    String logged;
                    while ((logged = out.readLine()) != null) {
                        if (logged.contains("queue triggers ready")) {
                            queuesReadyMs.complete((System.nanoTime() - started) / 1e6);
                        }
                        if (logged.contains("functions warm")) {
                            warmMs.complete((System.nanoTime() - started) / 1e6);
                        }
                    }
                } catch (java.io.IOException closed) {
                    // the local API stopped
                }
            });
            String base = "http://127.0.0.1:" + PORT;
            System.out.printf("ready line after %.0f ms (start command to ready line, build done)%n", readyMs);
            System.out.printf(
                    "load: %d s per route, concurrency %d, client and server on the same machine (%d cores)%n",
                    SECONDS, CONCURRENCY, Runtime.getRuntime().availableProcessors());

            // The first request after the ready line: its function may not be warm yet, and the
            // background warming competes with it for the 2 cores.
            long firstStarted = System.nanoTime();
            String id = createUser(base, "bench-reader@example.com");
            System.out.printf(
                    "first request after the ready line (POST /users): %.0f ms%n",
                    (System.nanoTime() - firstStarted) / 1e6);
            Double queues = queuesReadyMs.getNow(null);
            System.out.println(
                    queues == null
                            ? "SQS server and queue triggers: no ready line yet"
                            : String.format(
                                    "SQS server and queue triggers ready after %.0f ms (off the ready path)", queues));
            String token = signIn(base, "bench-reader@example.com");
            try {
                System.out.printf(
                        "every function warm after %.0f ms (background, after the ready line)%n",
                        warmMs.get(180, TimeUnit.SECONDS));
            } catch (TimeoutException notWarm) {
                System.out.println("the functions were not all warm after 180 s: measuring anyway");
            }
            // Warm-up: load the functions and let the JIT see the hot paths before measuring.
            run("warm-up GET", Duration.ofSeconds(5), i -> get(base + "/users/" + id, token), false);
            AtomicLong sequence = new AtomicLong();
            run(
                    "warm-up POST",
                    Duration.ofSeconds(5),
                    i -> post(base, "warm-" + sequence.incrementAndGet() + "@example.com"),
                    false);

            run("GET /users/{id}", Duration.ofSeconds(SECONDS), i -> get(base + "/users/" + id, token), true);
            run(
                    "POST /users",
                    Duration.ofSeconds(SECONDS),
                    i -> post(base, "bench-" + sequence.incrementAndGet() + "@example.com"),
                    true);
        } finally {
            api.destroy();
            api.waitFor();
        }
    }

    interface Call {
        int send(int worker) throws Exception;
    }

    static void run(String name, Duration duration, Call call, boolean print) throws Exception {
        long end = System.nanoTime() + duration.toNanos();
        List<long[]> perWorker = new ArrayList<>();
        AtomicInteger errors = new AtomicInteger();
        List<Thread> workers = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        for (int w = 0; w < CONCURRENCY; w++) {
            long[] latencies = new long[2_000_000];
            perWorker.add(latencies);
            counts.add(0);
            int worker = w;
            workers.add(Thread.ofPlatform().start(() -> {
                int n = 0;
                while (System.nanoTime() < end && n < latencies.length) {
                    long t0 = System.nanoTime();
                    try {
                        int status = call.send(worker);
                        if (status >= 400) {
                            errors.incrementAndGet();
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                    latencies[n++] = System.nanoTime() - t0;
                }
                synchronized (counts) {
                    counts.set(worker, n);
                }
            }));
        }
        for (Thread t : workers) {
            t.join();
        }
        int total = counts.stream().mapToInt(Integer::intValue).sum();
        long[] all = new long[total];
        int at = 0;
        for (int w = 0; w < CONCURRENCY; w++) {
            System.arraycopy(perWorker.get(w), 0, all, at, counts.get(w));
            at += counts.get(w);
        }
        Arrays.sort(all);
        if (print) {
            System.out.printf(
                    "%-16s %8.1f req/s  p50 %7.2f ms  p99 %7.2f ms  max %7.2f ms  (%d requests, %d errors)%n",
                    name,
                    total / (double) duration.toSeconds(),
                    pct(all, 50),
                    pct(all, 99),
                    all.length == 0 ? 0 : all[all.length - 1] / 1e6,
                    total,
                    errors.get());
        }
    }

    static double pct(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }

    static int get(String url, String token) throws Exception {
        return HTTP.send(
                        HttpRequest.newBuilder(URI.create(url))
                                .header("Authorization", "Bearer " + token)
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    /** A complete cache: the JVM writes {@code .aot.config} first and the {@code .aot} from it. */
    static boolean hasCache(Path runs) throws java.io.IOException {
        if (!Files.isDirectory(runs)) {
            return false;
        }
        try (var files = Files.list(runs)) {
            List<String> names =
                    files.map(file -> file.getFileName().toString()).toList();
            return names.stream().anyMatch(name -> name.endsWith(".aot"))
                    && names.stream().noneMatch(name -> name.endsWith(".aot.config"));
        }
    }

    static String signIn(String base, String email) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(base + "/auth/token"))
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

    static int post(String base, String email) throws Exception {
        return HTTP.send(
                        HttpRequest.newBuilder(URI.create(base + "/users"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "{\"email\":\"" + email + "\",\"password\":\"correct horse battery\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    static String createUser(String base, String email) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(base + "/users"))
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
