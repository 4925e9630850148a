package dev.shopfront.log;

import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Routes {@code java.util.logging} into {@link JsonLog}: the JDK's {@code System.Logger}, Hibernate
 * Validator (through JBoss Logging) and, through {@code slf4j-jdk14}, the AWS SDK's SLF4J all log through
 * JUL, so with this handler on the root logger every library's line is one JSON object too.
 */
public final class JulBridge extends Handler {
    private JulBridge() {}

    /**
     * Makes this bridge the root logger's only handler, at the threshold of {@link JsonLog}. Only on
     * Lambda: the JVM holds one JUL root for every class loader, and the local API, which runs all the
     * functions in one JVM, renders their libraries' records itself.
     */
    public static void installOnLambda() {
        if (System.getenv("AWS_LAMBDA_RUNTIME_API") == null) {
            return;
        }
        install();
    }

    /** Makes this bridge the root logger's only handler (tests call it directly). */
    public static void install() {
        Logger root = LogManager.getLogManager().getLogger("");
        for (Handler handler : root.getHandlers()) {
            root.removeHandler(handler);
        }
        root.addHandler(new JulBridge());
        root.setLevel(toJul(threshold()));
    }

    @Override
    public void publish(LogRecord record) {
        LogLevel level = toLevel(record.getLevel());
        if (!JsonLog.enabled(level)) {
            return;
        }
        String message = record.getMessage();
        if (record.getParameters() != null && record.getParameters().length > 0 && message != null) {
            message = java.text.MessageFormat.format(message, record.getParameters());
        }
        JsonLog.at(level, message)
                .field("logger", record.getLoggerName())
                .failure(record.getThrown())
                .write();
    }

    @Override
    public void flush() {
        System.out.flush();
    }

    @Override
    public void close() {
        flush();
    }

    private static LogLevel threshold() {
        for (LogLevel level : LogLevel.values()) {
            if (JsonLog.enabled(level)) {
                return level;
            }
        }
        return LogLevel.FATAL;
    }

    static LogLevel toLevel(Level level) {
        int value = level.intValue();
        if (value >= Level.SEVERE.intValue()) {
            return LogLevel.ERROR;
        }
        if (value >= Level.WARNING.intValue()) {
            return LogLevel.WARN;
        }
        if (value >= Level.INFO.intValue()) {
            return LogLevel.INFO;
        }
        if (value >= Level.FINE.intValue()) {
            return LogLevel.DEBUG;
        }
        return LogLevel.TRACE;
    }

    static Level toJul(LogLevel level) {
        return switch (level) {
            case TRACE -> Level.FINEST;
            case DEBUG -> Level.FINE;
            case INFO -> Level.INFO;
            case WARN -> Level.WARNING;
            case ERROR, FATAL -> Level.SEVERE;
        };
    }
}
