package dev.shopfront.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The packaged local API, started as the README's first command starts it: {@code java -jar
 * shopfront-local.jar start}. The other tests run the local API from the class path and cannot see
 * what only the jar gets wrong (a shaded jar once lost a class ElasticMQ loads by name, and the
 * SQS server never started).
 */
class LocalJarIT {
    @Test
    void packagedJar_startsEveryServer_andAnswersARoute() throws Exception {
        Path jar = RepoFiles.root().resolve("local/target/shopfront-local.jar");
        assertTrue(Files.isRegularFile(jar), jar + " is built by mvn package before this test runs");
        int port = freePort();
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--sun-misc-unsafe-memory-access=allow", "-jar", jar.toString(), "start", "--in-memory",
                "--port", String.valueOf(port), "--dynamodb-port", String.valueOf(freePort()),
                "--sqs-port", String.valueOf(freePort()), "--template", RepoFiles.root().resolve("template.yaml").toString());
        Process process = new ProcessBuilder(command).directory(RepoFiles.root().toFile()).redirectErrorStream(true).start();
        List<String> output = new ArrayList<>();
        CompletableFuture<Void> ready = new CompletableFuture<>();
        Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    synchronized (output) {
                        output.add(line);
                    }
                    if (line.contains("SQS server and queue triggers ready")) {
                        ready.complete(null);
                    }
                }
                ready.completeExceptionally(new IllegalStateException("the local API stopped"));
            } catch (IOException e) {
                ready.completeExceptionally(e);
            }
        });
        try {
            try {
                ready.get(120, TimeUnit.SECONDS);
            } catch (Exception e) {
                synchronized (output) {
                    throw new AssertionError("No 'SQS server and queue triggers ready' line; output:\n" + String.join("\n", output), e);
                }
            }
            HttpResponse<String> products = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/products")).timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, products.statusCode(), products.body());
            synchronized (output) {
                assertTrue(output.stream().anyMatch(line -> line.startsWith("Shopfront local API ready on")), String.join("\n", output));
                assertTrue(output.stream().noneMatch(line -> line.contains("did not start") || line.contains("failed to load")),
                        String.join("\n", output));
            }
        } finally {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
