package dev.shopfront.http;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.shopfront.log.JsonLog;
import dev.shopfront.log.LogLevel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * SnapStart priming of one function: before Lambda takes the snapshot, runs the function's own path on
 * representative events, so the snapshot holds the classes and state a first request needs (event and
 * response JSON, the DynamoDB call, the validator, the problem mapping). The events are built to change
 * nothing: reads of keys that cannot exist, and writes that stop before storing (what was checked:
 * docs/snapstart.md).
 */
public final class Priming implements Resource {
    /**
     * Each event goes through this many times: the first run loads classes, the next ones let the JIT
     * compile the hot path, so the restored function's first request runs compiled code (docs/snapstart.md).
     */
    static final int ROUNDS = 5;

    /** org.crac holds registered resources only weakly: these strong references keep them for the container's life. */
    private static final List<Priming> REGISTERED = new CopyOnWriteArrayList<>();

    private final String what;
    private final Runnable prime;

    private Priming(String what, Runnable prime) {
        this.what = what;
        this.prime = prime;
    }

    /**
     * Registers priming for an HTTP {@code handler} with the events {@code priming/<name>.json} of its
     * artifact, and with {@code answer}, a made-up body of the route's success, written as the route writes
     * it (the events, built to change nothing, mostly end in problems), or {@code null} for a route that
     * answers without a body.
     */
    public static Priming register(RequestStreamHandler handler, Object answer, String... events) {
        List<String> names = List.of(events);
        return register(handler.getClass().getSimpleName(), () -> {
            for (String event : names) {
                send(handler, read(handler, event));
            }
            if (answer != null) {
                PlainJson.writeBytes(answer);
            }
        });
    }

    /**
     * Registers {@code prime}, run {@link #ROUNDS} times before a snapshot; {@code what} names it in the
     * warning a failure logs.
     */
    public static Priming register(String what, Runnable prime) {
        Priming priming = new Priming(what, prime);
        REGISTERED.add(priming);
        Core.getGlobalContext().register(priming);
        return priming;
    }

    /** Sends one event through {@code handler}'s stream path and drops the answer. */
    public static void send(RequestStreamHandler handler, byte[] event) {
        try {
            handler.handleRequest(new ByteArrayInputStream(event), new ByteArrayOutputStream(), null);
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        for (int round = 0; round < ROUNDS; round++) {
            try {
                prime.run();
            } catch (RuntimeException failure) {
                // Priming only speeds the first request up; a function that could not prime still works.
                JsonLog.at(LogLevel.WARN, "Priming failed; the function works, its first request is slower")
                        .field("priming", what)
                        .failure(failure)
                        .write();
                return;
            }
        }
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing primed is unique to an environment or stale after a restore (docs/snapstart.md).
    }

    private static byte[] read(RequestStreamHandler handler, String event) {
        String name = "priming/" + event + ".json";
        try (InputStream in = handler.getClass().getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("No " + name + " in the artifact");
            }
            return in.readAllBytes();
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }
}
