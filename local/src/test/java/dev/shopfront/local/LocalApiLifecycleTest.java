package dev.shopfront.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shopfront.devkit.RepoRoot;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Starting and stopping the local API, and the failures it explains instead of starting. */
class LocalApiLifecycleTest {

    /**
     * SIGTERM: the local API's shutdown hook stops dynalite. SIGKILL: no hook runs, and dynalite exits because
     * its stdin, a pipe from the killed JVM, ends (devkit/src/main/node/exit-with-parent.cjs).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"SIGTERM, false", "SIGKILL, true"})
    void theLocalApiStopped_leavesNoDynaliteBehind(String signal, boolean forcibly) throws Exception {
        // given: the local API as its own process, as a user starts it
        Process process = startedLocalApi();
        try {
            ProcessHandle dynalite = theOnlyDynaliteOf(process);

            // when
            if (forcibly) {
                process.destroyForcibly();
            } else {
                process.destroy();
            }

            // then
            assertTrue(process.waitFor(20, TimeUnit.SECONDS), "the local API did not end on " + signal);
            dynalite.onExit().get(10, TimeUnit.SECONDS);
            assertFalse(dynalite.isAlive(), "dynalite outlived the local API after " + signal);
        } finally {
            process.destroyForcibly();
        }
    }

    /** The local API as its own process, as a user starts it, once it has printed its ready line. */
    private static Process startedLocalApi() throws IOException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process process = new ProcessBuilder(
                        java,
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
                        "0")
                .directory(RepoRoot.find().toFile())
                .redirectErrorStream(true)
                .start();
        BufferedReader output =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        StringBuilder seen = new StringBuilder();
        while ((line = output.readLine()) != null && !line.contains("ready on")) {
            seen.append(line).append('\n');
        }
        if (line == null) {
            process.destroyForcibly();
            throw new AssertionError("no ready line; output:\n" + seen);
        }
        // Kept read, so a full pipe never blocks the local API's output.
        Thread.ofVirtual().start(() -> output.lines().forEach(ignored -> {}));
        return process;
    }

    private static ProcessHandle theOnlyDynaliteOf(Process process) {
        List<ProcessHandle> dynalite = process.descendants()
                .filter(p -> p.info().commandLine().orElse("").contains("dynalite"))
                .toList();
        assertEquals(1, dynalite.size(), "one dynalite child while running");
        return dynalite.get(0);
    }

    @Test
    void close_stopsDynalite() throws Exception {
        LocalApi api = LocalApi.start(
                new LocalOptions(0, 0, 0, null, null, RepoRoot.find().resolve("template.yaml")));
        int port = api.dynamoDbEndpoint().getPort();

        api.close();

        // The port is free again: nothing listens there any more.
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertEquals(port, socket.getLocalPort());
        }
    }

    @Test
    void missingHandlerClass_failsAtStart_namingTheClassAndTheFix(@TempDir Path folder) throws Exception {
        Path template = TemporaryTemplate.write(
                folder,
                "Handler: dev.shopfront.users.GetUserHandler::",
                "Handler: dev.shopfront.users.GetUsrHandler::");

        IllegalStateException failure = assertThrows(
                IllegalStateException.class, () -> LocalApi.start(new LocalOptions(0, 0, 0, null, null, template)));

        assertTrue(failure.getMessage().contains("dev.shopfront.users.GetUsrHandler"), failure.getMessage());
        assertTrue(failure.getMessage().contains("template.yaml"), failure.getMessage());
    }

    @Test
    void sameRouteTwice_failsAtStart_namingBothFunctions(@TempDir Path folder) throws Exception {
        Path template = TemporaryTemplate.write(folder, "Method: DELETE", "Method: GET");

        IllegalStateException failure = assertThrows(
                IllegalStateException.class, () -> LocalApi.start(new LocalOptions(0, 0, 0, null, null, template)));

        assertTrue(failure.getMessage().contains("GET /users/{id}"), failure.getMessage());
        assertTrue(
                failure.getMessage().contains("GetUserFunction")
                        && failure.getMessage().contains("DeleteUserFunction"),
                failure.getMessage());
    }

    @Test
    void portInUse_failsAtStart_sayingWhatToDo() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            IllegalStateException failure = assertThrows(
                    IllegalStateException.class,
                    () -> LocalApi.start(new LocalOptions(
                            taken.getLocalPort(),
                            0,
                            0,
                            null,
                            null,
                            RepoRoot.find().resolve("template.yaml"))));

            assertTrue(
                    failure.getMessage().contains("Port " + taken.getLocalPort() + " is in use"), failure.getMessage());
            assertTrue(failure.getMessage().contains("--port"), failure.getMessage());
        }
    }

    @Test
    void sqsPortInUse_failsAtStart_sayingWhatToDo_andReleasesTheHttpPort() throws Exception {
        int httpPort;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            httpPort = free.getLocalPort();
        }
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            IllegalStateException failure = assertThrows(
                    IllegalStateException.class,
                    () -> LocalApi.start(new LocalOptions(
                            httpPort,
                            0,
                            taken.getLocalPort(),
                            null,
                            null,
                            RepoRoot.find().resolve("template.yaml"))));

            assertTrue(
                    failure.getMessage().contains("Port " + taken.getLocalPort() + " is in use"), failure.getMessage());
            assertTrue(failure.getMessage().contains("--sqs-port"), failure.getMessage());
        }
        // The HTTP server bound before the SQS port was refused, and was closed again.
        try (ServerSocket again = new ServerSocket(httpPort, 1, InetAddress.getLoopbackAddress())) {
            assertTrue(again.isBound());
        }
    }
}
