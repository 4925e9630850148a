package dev.shopfront.http;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * SnapStart priming of one HTTP function: before Lambda takes the snapshot, sends representative
 * payload 2.0 events through the handler's own stream path, so the snapshot holds the classes and
 * state a first request needs (event and response JSON, the DynamoDB call, the validator, the problem
 * mapping). The events are built to change nothing: reads of keys that cannot exist, and writes that
 * stop before storing (what was checked: docs/snapstart.md).
 */
public final class Priming implements Resource {
    private final RequestStreamHandler handler;
    private final Object answer;
    private final List<String> events;

    private Priming(RequestStreamHandler handler, Object answer, List<String> events) {
        this.handler = handler;
        this.answer = answer;
        this.events = events;
    }

    /**
     * Registers priming for {@code handler} with the events {@code priming/<name>.json} of its artifact,
     * and with {@code answer}, a made-up body of the route's success, written as the route writes it (the
     * events, built to change nothing, mostly end in problems). The handler must keep the returned
     * resource: org.crac holds registered resources weakly.
     */
    public static Priming register(RequestStreamHandler handler, Object answer, String... events) {
        Priming priming = new Priming(handler, answer, List.of(events));
        Core.getGlobalContext().register(priming);
        return priming;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        for (String event : events) {
            try {
                handler.handleRequest(new ByteArrayInputStream(read(event)), new ByteArrayOutputStream(), null);
            } catch (IOException | RuntimeException failure) {
                // Priming only speeds the first request up; a function that could not prime still works.
                System.err.println("WARN priming with " + event + " failed: " + failure);
            }
        }
        try {
            Json.MAPPER.writeValueAsBytes(answer);
        } catch (IOException failure) {
            System.err.println("WARN priming with a " + answer.getClass().getSimpleName() + " failed: " + failure);
        }
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing primed is unique to an environment or stale after a restore (docs/snapstart.md).
    }

    private byte[] read(String event) throws IOException {
        String name = "priming/" + event + ".json";
        try (InputStream in = handler.getClass().getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("No " + name + " in the artifact");
            }
            return in.readAllBytes();
        }
    }
}
