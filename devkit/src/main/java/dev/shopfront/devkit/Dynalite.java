package dev.shopfront.devkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntSupplier;

/**
 * A dynalite server (a DynamoDB-protocol server on Node) run as a child process on loopback.
 * Installed by the build from the committed package-lock.json into the repository's node_modules.
 */
public final class Dynalite implements AutoCloseable {
    private static final long START_TIMEOUT_SECONDS = 20;
    /** How many free ports a start on "any port" tries before it gives up. */
    private static final int FREE_PORT_ATTEMPTS = 5;

    private final int port;
    private final Path dataDirectory;
    private final Thread shutdownHook;
    private volatile Process process;
    private volatile boolean closed;

    private Dynalite(Process process, int port, Path dataDirectory) {
        this.process = process;
        this.port = port;
        this.dataDirectory = dataDirectory;
        // A JVM that exits without close() (Ctrl-C, a failed test run) still leaves no server behind.
        this.shutdownHook = new Thread(this::stopProcess, "dynalite-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts an in-memory server on a free loopback port. */
    public static Dynalite startInMemory() {
        return start(0, null);
    }

    /**
     * Starts a server.
     *
     * @param port the loopback port, or 0 for a free one
     * @param dataDirectory where LevelDB keeps the data, or null to keep it in memory
     */
    public static Dynalite start(int port, Path dataDirectory) {
        return port == 0 ? startOnAFreePort(Dynalite::freePort, dataDirectory) : startOn(port, dataDirectory);
    }

    /**
     * A port found free can be taken before dynalite binds it: outgoing connections of other processes get
     * ports from the same range (a CI run lost one so). Another free port is as good, so a few are tried.
     */
    static Dynalite startOnAFreePort(IntSupplier freePorts, Path dataDirectory) {
        for (int attempt = 1; ; attempt++) {
            try {
                return startOn(freePorts.getAsInt(), dataDirectory);
            } catch (PortInUseException taken) {
                if (attempt == FREE_PORT_ATTEMPTS) {
                    throw taken;
                }
            }
        }
    }

    private static Dynalite startOn(int chosen, Path dataDirectory) {
        Dynalite dynalite = new Dynalite(launch(chosen, dataDirectory), chosen, dataDirectory);
        try {
            awaitListening(dynalite.process, chosen);
        } catch (RuntimeException e) {
            dynalite.close();
            throw e;
        }
        return dynalite;
    }

    /**
     * Starts a new server on the same port and data folder after the last one ended (it was killed
     * or crashed). Data kept on disk is there again; data kept in memory is gone.
     *
     * @throws IllegalStateException when the server is still running, or the new one does not start
     */
    public synchronized void restart() {
        if (closed) {
            throw new IllegalStateException("dynalite on 127.0.0.1:" + port + " was closed");
        }
        if (process.isAlive()) {
            throw new IllegalStateException("dynalite on 127.0.0.1:" + port + " is still running");
        }
        Process fresh = launch(port, dataDirectory);
        try {
            awaitListening(fresh, port);
        } catch (RuntimeException e) {
            ChildProcess.stop(fresh);
            throw e;
        }
        process = fresh;
    }

    /** True once {@link #close()} has been called: its process ending then is no failure. */
    public boolean closed() {
        return closed;
    }

    /** Completes with the exit code when the current server process ends, however it ends. */
    public CompletableFuture<Integer> exited() {
        return process.onExit().thenApply(Process::exitValue);
    }

    /** The current server process, so tests can kill or pause it as the operating system might. */
    public ProcessHandle processHandle() {
        return process.toHandle();
    }

    /** Where the data is kept, or null when it is kept in memory (and lost with the process). */
    public Path dataDirectory() {
        return dataDirectory;
    }

    private static Process launch(int port, Path dataDirectory) {
        Path cli = cliScript();
        List<String> command = new ArrayList<>(ChildProcess.node(
                cli,
                "--host",
                "127.0.0.1",
                "--port",
                Integer.toString(port),
                // Tables are usable at once: no CREATING state to wait out.
                "--createTableMs",
                "0",
                "--deleteTableMs",
                "0",
                "--updateTableMs",
                "0"));
        if (dataDirectory != null) {
            try {
                Files.createDirectories(dataDirectory);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create dynalite data folder " + dataDirectory, e);
            }
            command.add("--path");
            command.add(dataDirectory.toAbsolutePath().toString());
        }
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException(
                    "Cannot start Node.js (" + ChildProcess.nodeExecutable() + "): install Node 20 or newer"
                            + " and put `node` on the PATH",
                    e);
        }
    }

    public int port() {
        return port;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    @Override
    public void close() {
        closed = true;
        // After a restart in progress, so the process it starts is the one stopped.
        synchronized (this) {
            stopProcess();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The hook is running or has run: the process is being stopped either way.
        }
    }

    private void stopProcess() {
        ChildProcess.stop(process);
    }

    private static void awaitListening(Process process, int port) {
        CompletableFuture<Void> listening = new CompletableFuture<>();
        StringBuilder output = new StringBuilder();
        Thread reader = new Thread(
                () -> {
                    try (BufferedReader lines = new BufferedReader(
                            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = lines.readLine()) != null) {
                            synchronized (output) {
                                if (output.length() < 8_192) {
                                    output.append(line).append('\n');
                                }
                            }
                            if (line.contains("listening")) {
                                listening.complete(null);
                            }
                        }
                    } catch (IOException e) {
                        // The stream closes when the process ends; the exit is reported below.
                    }
                    listening.completeExceptionally(new IllegalStateException("dynalite exited"));
                },
                "dynalite-output");
        reader.setDaemon(true);
        reader.start();
        try {
            listening.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            ChildProcess.stop(process);
            String printed;
            synchronized (output) {
                printed = output.toString();
            }
            if (printed.contains("EADDRINUSE")) {
                throw new PortInUseException(
                        "dynalite did not start on 127.0.0.1:" + port + " (port " + port
                                + " is in use: stop what holds it or choose another port):\n" + printed,
                        e);
            }
            throw new IllegalStateException(
                    "dynalite did not start on 127.0.0.1:" + port + " (see its output):\n" + printed, e);
        } catch (InterruptedException e) {
            ChildProcess.stop(process);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting dynalite", e);
        }
    }

    private static Path cliScript() {
        Path cli = RepoRoot.find().resolve("node_modules/dynalite/cli.js");
        if (!Files.isRegularFile(cli)) {
            throw new IllegalStateException("dynalite is not installed at " + cli
                    + ": run `mvn -q generate-resources -pl devkit` (it runs npm ci from package-lock.json)");
        }
        return cli;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free loopback port", e);
        }
    }

    /** The port dynalite was to listen on is taken. */
    static final class PortInUseException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        PortInUseException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
