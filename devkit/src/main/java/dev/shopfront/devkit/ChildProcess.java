package dev.shopfront.devkit;

import java.util.concurrent.TimeUnit;

/** Stops the Node servers the devkit and the local API start (dynalite, dynamodb-admin), one way everywhere. */
public final class ChildProcess {
    private ChildProcess() {}

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
