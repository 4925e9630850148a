package dev.shopfront.log;

import java.util.Locale;

/** The levels of Lambda's JSON log format ({@code AWS_LAMBDA_LOG_LEVEL}), least severe first. */
public enum LogLevel {
    TRACE,
    DEBUG,
    INFO,
    WARN,
    ERROR,
    FATAL;

    /** The level named {@code name} (any case); {@code fallback} when there is none or it names none. */
    static LogLevel of(String name, LogLevel fallback) {
        if (name == null || name.isBlank()) {
            return fallback;
        }
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            return fallback;
        }
    }
}
