package dev.shopfront.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The packaged local API, started as {@code java -jar shopfront-local.jar start} and as the README's
 * first command starts it ({@code mvn -Pstart}: the {@link Launcher}). The other tests run the local
 * API from the class path and cannot see what only the jar gets wrong (a shaded jar once lost a class
 * ElasticMQ loads by name, and the SQS server never started).
 */
class LocalJarIT {
    private static final String JAVA =
            Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private static final Path JAR = RepoFiles.root().resolve("local/target/shopfront-local.jar");

    @Test
    void packagedJar_startsEveryServer_andAnswersARoute() throws Exception {
        List<String> output =
                startAndStop(List.of(JAVA, "--sun-misc-unsafe-memory-access=allow", "-jar", JAR.toString()), List.of());

        assertTrue(
                output.stream().anyMatch(line -> line.startsWith("Shopfront local API ready on")),
                String.join("\n", output));
    }

    @Test
    void launcher_writesTheBuildsStartUpCacheAtTheFirstStop_andStartsFromItAfter() throws Exception {
        // given: no copy or cache of any build yet
        Path runs = JAR.resolveSibling("run");
        deleteAll(runs);
        List<String> launcher = List.of(JAVA, "-cp", JAR.toString(), "dev.shopfront.local.Launcher");
        // No background warming: two starts more in this suite, each first request on its own.
        List<String> options = List.of("--no-warm");

        // when
        List<String> first = startAndStop(launcher, options);
        boolean cacheWritten = awaitFile(runs, ".aot", Duration.ofSeconds(120));
        List<String> second = startAndStop(launcher, options);

        // then
        assertTrue(
                first.stream().anyMatch(line -> line.contains("this build's first start")), String.join("\n", first));
        assertTrue(
                cacheWritten, "no start-up cache in " + runs + " after the first stop:\n" + String.join("\n", first));
        assertFalse(
                second.stream().anyMatch(line -> line.contains("this build's first start")), String.join("\n", second));
        try (Stream<Path> files = Files.list(runs)) {
            List<String> names =
                    files.map(file -> file.getFileName().toString()).sorted().toList();
            assertEquals(2, names.size(), names::toString);
            assertTrue(names.get(0).endsWith(".aot") && names.get(1).endsWith(".jar"), names::toString);
        }
    }

    /** What ends outright (SIGKILL, no shutdown hook) under a running local API. */
    enum Ended {
        /** The Launcher itself. */
        LAUNCHER,
        /** The process that started the Launcher, as Maven starts it with -Pstart (local/pom.xml). */
        LAUNCHERS_PARENT
    }

    @ParameterizedTest
    @EnumSource(Ended.class)
    void killedOutright_theLocalApiStopsItself_andLeavesNothingRunning(Ended ended) throws Exception {
        // given: the local API started as mvn -Pstart starts it, under a shell standing in for Maven
        List<String> command = new ArrayList<>(List.of(
                JAVA,
                "-D" + Launcher.STOP_WITH_PARENT_PROPERTY + "=true",
                "-cp",
                JAR.toString(),
                Launcher.class.getName()));
        command.addAll(startArguments(0));
        command.add("--no-warm");
        // "; exit": the shell waits for the Launcher as a child, rather than becoming it.
        command.addAll(0, List.of("sh", "-c", "\"$@\"; exit $?", "sh"));
        Process parent = new ProcessBuilder(command)
                .directory(RepoFiles.root().toFile())
                .redirectErrorStream(true)
                .start();
        List<ProcessHandle> everything = new ArrayList<>();
        try {
            BufferedReader lines =
                    new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8));
            StringBuilder seen = new StringBuilder();
            for (String line; (line = lines.readLine()) != null && !line.contains("ready on"); ) {
                seen.append(line).append('\n');
            }
            everything.addAll(parent.descendants().toList());
            ProcessHandle launcher = parent.children()
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no Launcher under the shell\n" + seen));
            assertTrue(
                    everything.stream()
                            .anyMatch(p -> p.info().commandLine().orElse("").contains("dynalite")),
                    "the local API's JVM and its dynalite run under the Launcher: " + everything + "\n" + seen);
            Thread.ofVirtual().start(() -> {
                try {
                    lines.lines().forEach(ignored -> {});
                } catch (UncheckedIOException closed) {
                    // The test is over: its finally block closed the stream this drains.
                }
            });

            // when: no shutdown hook of the ended process runs
            switch (ended) {
                case LAUNCHER -> launcher.destroyForcibly();
                case LAUNCHERS_PARENT -> parent.destroyForcibly();
            }

            // then
            for (ProcessHandle left : everything) {
                left.onExit().get(60, TimeUnit.SECONDS);
                assertFalse(left.isAlive(), left + " outlived the " + ended);
            }
        } finally {
            parent.destroyForcibly();
            everything.forEach(ProcessHandle::destroyForcibly);
        }
    }

    /** {@code start} in memory, the HTTP API on {@code port}, the repository's template. */
    private static List<String> startArguments(int port) {
        return List.of(
                "start",
                "--in-memory",
                "--port",
                String.valueOf(port),
                // Port 0: each server binds a free port itself (a port found free here could be taken before it binds).
                "--dynamodb-port",
                "0",
                "--sqs-port",
                "0",
                "--template",
                RepoFiles.root().resolve("template.yaml").toString());
    }

    /** Starts the local API with {@code java} and {@code options}, waits for every server, asks a route, stops it: its output. */
    private static List<String> startAndStop(List<String> java, List<String> options) throws Exception {
        assertTrue(Files.isRegularFile(JAR), JAR + " is built by mvn package before this test runs");
        int port = freePort();
        List<String> command = new ArrayList<>(java);
        command.addAll(startArguments(port));
        command.addAll(options);
        Process process = new ProcessBuilder(command)
                .directory(RepoFiles.root().toFile())
                .redirectErrorStream(true)
                .start();
        List<String> output = new ArrayList<>();
        CompletableFuture<Void> ready = new CompletableFuture<>();
        Thread reader = Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader lines =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
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
                    throw new AssertionError(
                            "No 'SQS server and queue triggers ready' line; output:\n" + String.join("\n", output), e);
                }
            }
            HttpResponse<String> products = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/products"))
                                    .timeout(Duration.ofSeconds(60))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertEquals(200, products.statusCode(), products.body());
        } finally {
            // As Ctrl-C stops it: the signal reaches the local API's own JVM (the Launcher's child, when
            // started through it), which writes a first start's cache as it stops; the Launcher waits for it.
            List<ProcessHandle> localApi =
                    java.contains(Launcher.class.getName()) ? process.children().toList() : List.of(process.toHandle());
            localApi.forEach(ProcessHandle::destroy);
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        reader.join(Duration.ofSeconds(10));
        synchronized (output) {
            assertTrue(
                    output.stream()
                            .noneMatch(line -> line.contains("did not start") || line.contains("failed to load")),
                    String.join("\n", output));
            return List.copyOf(output);
        }
    }

    /** Whether a file whose name ends with {@code suffix} is in {@code folder} within {@code limit}. */
    private static boolean awaitFile(Path folder, String suffix, Duration limit)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        do {
            try (Stream<Path> files = Files.list(folder)) {
                if (files.anyMatch(file -> file.getFileName().toString().endsWith(suffix))) {
                    return true;
                }
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        return false;
    }

    private static void deleteAll(Path folder) throws IOException {
        if (Files.isDirectory(folder)) {
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
