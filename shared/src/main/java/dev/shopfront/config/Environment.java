package dev.shopfront.config;

import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** A function's configuration: its environment variables, read through one place that fails fast and names what is missing. */
public final class Environment {
    private static volatile Map<String, String> override;

    private final UnaryOperator<String> source;

    private Environment(UnaryOperator<String> source) {
        this.source = source;
    }

    /**
     * The process environment. The local API runs every function in one JVM, each in a class
     * loader of its own, and gives each its template variables through {@link #useForThisClassLoader}.
     */
    public static Environment system() {
        Map<String, String> given = override;
        return given != null ? of(given) : new Environment(System::getenv);
    }

    public static Environment of(Map<String, String> variables) {
        Map<String, String> copy = Map.copyOf(variables);
        return new Environment(copy::get);
    }

    /**
     * Replaces the process environment for the copy of this class that one class loader holds.
     * Only the local API calls this, before it creates a function's handler.
     */
    public static void useForThisClassLoader(Map<String, String> variables) {
        override = Map.copyOf(variables);
    }

    /** @throws IllegalStateException naming the variable when it is missing or blank */
    public String require(String name) {
        return optional(name)
                .orElseThrow(() -> new IllegalStateException(
                        "Missing configuration: environment variable " + name + " is not set (template.yaml sets it)"));
    }

    public Optional<String> optional(String name) {
        String value = source.apply(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    /** @throws IllegalStateException naming the variable when it is missing or not a positive whole number */
    public long requirePositiveLong(String name) {
        String value = require(name);
        try {
            long parsed = Long.parseLong(value);
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException notANumber) {
            // reported below with the variable's name
        }
        throw new IllegalStateException("Bad configuration: environment variable " + name
                + " must be a positive whole number, was '" + value + "'");
    }
}
