package dev.shopfront.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shopfront.devkit.RepoRoot;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starting and stopping the local API, and the failures it explains instead of starting. */
class LocalApiLifecycleTest {

    @Test
    void sigterm_stopsTheLocalApi_andLeavesNoDynaliteBehind() throws Exception {
        // given: the local API as its own process, as a user starts it
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
                        "0")
                .directory(RepoRoot.find().toFile())
                .redirectErrorStream(true)
                .start();
        try {
            BufferedReader output =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line;
            StringBuilder seen = new StringBuilder();
            while ((line = output.readLine()) != null && !line.contains("ready on")) {
                seen.append(line).append('\n');
            }
            assertTrue(line != null, "no ready line; output:\n" + seen);
            List<ProcessHandle> dynalite = process.descendants()
                    .filter(p -> p.info().commandLine().orElse("").contains("dynalite"))
                    .toList();
            assertEquals(1, dynalite.size(), "one dynalite child while running");

            // when
            process.destroy();

            // then
            assertTrue(process.waitFor(20, TimeUnit.SECONDS), "the local API did not stop on SIGTERM");
            dynalite.get(0).onExit().get(10, TimeUnit.SECONDS);
            assertFalse(dynalite.get(0).isAlive(), "dynalite outlived the local API");
        } finally {
            process.destroyForcibly();
        }
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
