import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Does one page of products cost the same whatever the table's size? Starts the local API,
 * stores 1,000 products, measures one page of GET /products?category=x&limit=20 and of
 * GET /products?limit=20, grows the table to 20,000 and measures again, then prints the ratios.
 * Run through bench/products-list.sh. Figures, not a test.
 */
public class ProductsListBenchmark {
    static final int PORT = Integer.getInteger("bench.port", 3901);
    static final int DYNAMODB_PORT = Integer.getInteger("bench.dynamodbPort", 8901);
    static final int SECONDS = Integer.getInteger("bench.seconds", 15);
    static final int[] SIZES = {1_000, 20_000};
    static final int CATEGORIES = 10;
    static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public static void main(String[] args) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process api = new ProcessBuilder(
                        java,
                        "--sun-misc-unsafe-memory-access=allow",
                        "-jar",
                        "local/target/shopfront-local.jar",
                        "start",
                        "--in-memory",
                        "--port",
                        Integer.toString(PORT),
                        "--dynamodb-port",
                        Integer.toString(DYNAMODB_PORT),
                        // Its own SQS port too, so the benchmark runs beside a local API on the default ports.
                        "--sqs-port",
                        Integer.toString(DYNAMODB_PORT + 1000))
                .redirectErrorStream(true)
                .start();
        try {
            BufferedReader out =
                    new BufferedReader(new InputStreamReader(api.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null && !line.contains("ready on")) {
                // wait for the ready line
            }
            Thread.ofPlatform().daemon().start(() -> {
                try {
                    while (out.readLine() != null) {
                        // discard the per-request log
                    }
                } catch (java.io.IOException closed) {
                    // the local API stopped
                }
            });
            String base = "http://127.0.0.1:" + PORT;
            post(base + "/users", null, "{\"email\":\"seller@example.com\",\"password\":\"correct horse battery\"}");
            String token = field(
                    post(
                            base + "/auth/token",
                            null,
                            "{\"email\":\"seller@example.com\",\"password\":\"correct horse battery\"}"),
                    "accessToken");

            System.out.printf(
                    "one page of 20, %d s per measure at concurrency 1, %d categories (x = c0 holds a tenth)%n",
                    SECONDS, CATEGORIES);
            double[][] p50 = new double[SIZES.length][2];
            int stored = 0;
            for (int s = 0; s < SIZES.length; s++) {
                long seeding = System.nanoTime();
                seed(base, token, stored, SIZES[s]);
                System.out.printf(
                        "stored %,d products (seeded in %.1f s through POST /products)%n",
                        SIZES[s], (System.nanoTime() - seeding) / 1e9);
                stored = SIZES[s];
                p50[s][0] = measure("  GET /products?category=c0&limit=20", base + "/products?category=c0&limit=20");
                p50[s][1] = measure("  GET /products?limit=20", base + "/products?limit=20");
            }
            System.out.printf(
                    "p50 ratio %,d / %,d products: by category %.2f, unfiltered %.2f (target < 1.3)%n",
                    SIZES[1], SIZES[0], p50[1][0] / p50[0][0], p50[1][1] / p50[0][1]);
        } finally {
            api.destroy();
            api.waitFor();
        }
    }

    static void seed(String base, String token, int from, int to) throws Exception {
        AtomicInteger next = new AtomicInteger(from);
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < 8; w++) {
            workers.add(Thread.ofPlatform().start(() -> {
                int i;
                while ((i = next.getAndIncrement()) < to) {
                    try {
                        String body = "{\"name\":\"Product " + i + "\",\"price\":" + (i % 10000)
                                + ".99,\"currency\":\"EUR\",\"stock\":" + i + ",\"category\":\"c" + (i % CATEGORIES)
                                + "\"}";
                        post(base + "/products", token, body);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            }));
        }
        for (Thread worker : workers) {
            worker.join();
        }
    }

    static double measure(String name, String url) throws Exception {
        // Warm-up long enough for the JIT to settle, so the first size is not measured cold.
        for (long warm = System.nanoTime() + 8_000_000_000L; System.nanoTime() < warm; ) {
            get(url);
        }
        List<Long> latencies = new ArrayList<>();
        long end = System.nanoTime() + SECONDS * 1_000_000_000L;
        while (System.nanoTime() < end) {
            long t0 = System.nanoTime();
            get(url);
            latencies.add(System.nanoTime() - t0);
        }
        long[] sorted = latencies.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        double p50 = sorted[sorted.length / 2] / 1e6;
        System.out.printf(
                "%-40s p50 %6.2f ms  p99 %6.2f ms  (%d requests)%n",
                name, p50, sorted[(int) Math.ceil(sorted.length * 0.99) - 1] / 1e6, sorted.length);
        return p50;
    }

    static void get(String url) throws Exception {
        HttpResponse<String> response =
                HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200 || !response.body().contains("\"nextCursor\"")) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + " " + response.body());
        }
    }

    static String post(String url, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    static String field(String json, String name) {
        Matcher value = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
        if (!value.find()) {
            throw new IllegalStateException("No " + name + " in " + json);
        }
        return value.group(1);
    }
}
