package dev.shopfront.devkit.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What the code under test wrote to standard output during one test: the functions' log lines, one
 * JSON object each (docs/operating.md), as CloudWatch would receive them. Register it with
 * {@code @RegisterExtension}; tests run one at a time in a JVM here, so swapping {@code System.out}
 * catches every thread's lines, the pollers' included.
 */
public final class CapturedOutput implements BeforeEachCallback, AfterEachCallback {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private PrintStream original;

    @Override
    public void beforeEach(ExtensionContext context) {
        original = System.out;
        synchronized (bytes) {
            bytes.reset();
        }
        System.setOut(new PrintStream(
                new java.io.OutputStream() {
                    @Override
                    public void write(int b) {
                        synchronized (bytes) {
                            bytes.write(b);
                        }
                    }

                    @Override
                    public void write(byte[] b, int off, int len) {
                        synchronized (bytes) {
                            bytes.write(b, off, len);
                        }
                    }
                },
                true,
                StandardCharsets.UTF_8));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        System.setOut(original);
    }

    /** Everything written so far. */
    public String text() {
        synchronized (bytes) {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    /** The lines written so far. */
    public List<String> lines() {
        return text().lines().toList();
    }

    public boolean contains(String text) {
        return text().contains(text);
    }
}
