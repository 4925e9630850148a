package dev.shopfront.devkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Stops the Node servers the devkit and the local API start (dynalite, dynamodb-admin), one way everywhere. */
public final class ChildProcess {
    private ChildProcess() {}

    /**
     * The command that runs {@code script} with Node so that it ends with the JVM that starts it, even when
     * that JVM is killed and no shutdown hook runs: see {@code devkit/src/main/node/exit-with-parent.cjs}. The
     * process must be started with its stdin a pipe from this JVM, {@link ProcessBuilder}'s default.
     */
    public static List<String> node(Path script, String... arguments) {
        Path preload = RepoRoot.find().resolve("devkit/src/main/node/exit-with-parent.cjs");
        if (!Files.isRegularFile(preload)) {
            throw new IllegalStateException("Missing " + preload + ": run from a full Shopfront checkout");
        }
        List<String> command =
                new ArrayList<>(List.of(nodeExecutable(), "--require", preload.toString(), script.toString()));
        command.addAll(List.of(arguments));
        return command;
    }

    /** {@code node} from the PATH, or {@code SHOPFRONT_NODE} when set. */
    public static String nodeExecutable() {
        String explicit = System.getenv("SHOPFRONT_NODE");
        return explicit == null || explicit.isBlank() ? "node" : explicit;
    }

    /**
     * Asks the process to stop, then forces it after 5 s. A paused (SIGSTOP) server ignores SIGTERM
     * until resumed: the forcible stop ends it. An interrupt forces the stop at once and is kept.
     */
    public static void stop(Process process) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
