package dev.shopfront.local;

import dev.shopfront.devkit.Dynalite;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;

/**
 * Watches the local API's dynalite child process: says at once when it dies and starts a new one
 * on the same port, or gives up with a clear message when it cannot (or it keeps dying).
 */
final class DynaliteWatch implements AutoCloseable {
    /** More deaths than this within a minute is a server that cannot run here: stop retrying. */
    private static final int MAX_RESTARTS_PER_MINUTE = 5;

    private final Dynalite dynalite;
    private final Runnable recreateTables;
    private final Consumer<String> log;
    private final Consumer<String> giveUp;
    private final Deque<Long> restarts = new ArrayDeque<>();
    private volatile boolean closed;

    /**
     * @param recreateTables creates the template's tables on a fresh in-memory server
     * @param log hears one line per event (died, restarted)
     * @param giveUp hears why the database cannot be brought back; the local API should stop
     */
    private DynaliteWatch(Dynalite dynalite, Runnable recreateTables, Consumer<String> log, Consumer<String> giveUp) {
        this.dynalite = dynalite;
        this.recreateTables = recreateTables;
        this.log = log;
        this.giveUp = giveUp;
    }

    static DynaliteWatch start(
            Dynalite dynalite, Runnable recreateTables, Consumer<String> log, Consumer<String> giveUp) {
        DynaliteWatch watch = new DynaliteWatch(dynalite, recreateTables, log, giveUp);
        watch.watch();
        return watch;
    }

    private void watch() {
        long pid = dynalite.processHandle().pid();
        // A thread of its own: restarting waits for the new server, which must not block the exit notification's
        // thread.
        dynalite.exited()
                .thenAccept(code ->
                        Thread.ofPlatform().daemon().name("dynalite-watch").start(() -> died(pid, code)));
    }

    private void died(long pid, int exitCode) {
        if (closed || dynalite.closed()) {
            return;
        }
        log.accept(
                "[local] DynamoDB (dynalite, pid " + pid + ", 127.0.0.1:" + dynalite.port() + ") died with exit code "
                        + exitCode + ": calls to it fail (500) until it is back; restarting it on the same port");
        long now = System.nanoTime();
        restarts.addLast(now);
        while (now - restarts.peekFirst() > 60_000_000_000L) {
            restarts.removeFirst();
        }
        if (restarts.size() > MAX_RESTARTS_PER_MINUTE) {
            giveUp.accept(
                    "DynamoDB (dynalite) died " + restarts.size() + " times within a minute; not restarting it again."
                            + " Check its output and the machine (memory, disk), then start the local API again");
            return;
        }
        long started = System.nanoTime();
        try {
            dynalite.restart();
            if (dynalite.dataDirectory() == null) {
                recreateTables.run();
            }
        } catch (RuntimeException e) {
            if (!closed && !dynalite.closed()) {
                giveUp.accept("DynamoDB (dynalite) died and could not be restarted on 127.0.0.1:" + dynalite.port()
                        + ": " + e.getMessage());
            }
            return;
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        if (dynalite.dataDirectory() == null) {
            log.accept("[local] DynamoDB restarted in " + millis + " ms (pid "
                    + dynalite.processHandle().pid()
                    + "). It ran --in-memory: ALL ITS DATA IS GONE; the template's tables were created again, empty");
        } else {
            log.accept("[local] DynamoDB restarted in " + millis + " ms (pid "
                    + dynalite.processHandle().pid() + "); its data in " + dynalite.dataDirectory() + " is kept");
        }
        watch();
    }

    @Override
    public void close() {
        closed = true;
    }
}
