package dev.shopfront.devkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Resolves a function's template environment for a run outside AWS: {@code !Ref} of a table
 * becomes its local name, {@code !Ref} of a secret its local value (see {@link LocalSecrets}).
 */
public final class FunctionEnvironment {
    private FunctionEnvironment() {
    }

    /**
     * @param refValues what {@code !Ref} of each resource stands for on this run, by logical id
     * @throws IllegalStateException naming the variable when a value is an intrinsic this run cannot resolve
     */
    public static Map<String, String> resolve(FunctionDefinition function, Map<String, String> refValues) {
        Map<String, String> resolved = new LinkedHashMap<>();
        function.environment().forEach((name, value) -> resolved.put(name, resolveValue(function, name, value, refValues)));
        return resolved;
    }

    private static String resolveValue(FunctionDefinition function, String name, JsonNode value, Map<String, String> refValues) {
        if (value.isValueNode()) {
            return value.asText();
        }
        JsonNode ref = value.get("Ref");
        if (ref != null && refValues.containsKey(ref.asText())) {
            return refValues.get(ref.asText());
        }
        throw new IllegalStateException("Function " + function.logicalId() + ": environment variable " + name
                + " = " + value + " cannot be resolved outside AWS");
    }
}
