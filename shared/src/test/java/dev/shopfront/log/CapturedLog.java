package dev.shopfront.log;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The lines {@link JsonLog} writes during one test, each as the string it would put on standard output,
 * with the container configured as {@code function} at level INFO (a test may configure it otherwise).
 * Register it with {@code @RegisterExtension}; afterwards lines go to standard output again.
 */
public final class CapturedLog implements BeforeEachCallback, AfterEachCallback {
    private final String function;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    /** @param function the function's name the lines carry, or null */
    public CapturedLog(String function) {
        this.function = function;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        lines.clear();
        JsonLog.configure(function, "INFO");
        JsonLog.writeTo(lines::add);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        JsonLog.configure(null, null);
        JsonLog.writeToStandardOutput();
    }

    /** The lines written so far in this test: a live list. */
    public List<String> lines() {
        return lines;
    }
}
