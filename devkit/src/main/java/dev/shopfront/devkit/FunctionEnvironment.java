package dev.shopfront.devkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** Resolves a function's template environment for a run outside AWS: {@code !Ref} of a table becomes its local name. */
public final class FunctionEnvironment {
    private FunctionEnvironment() {
    }

    /**
     * @param tableNames logical id of each table to the name it has on this run
     * @throws IllegalStateException naming the variable when a value is an intrinsic this run cannot resolve
     */
    public static Map<String, String> resolve(FunctionDefinition function, Map<String, String> tableNames) {
        Map<String, String> resolved = new LinkedHashMap<>();
        function.environment().forEach((name, value) -> resolved.put(name, resolveValue(function, name, value, tableNames)));
        return resolved;
    }

    private static String resolveValue(FunctionDefinition function, String name, JsonNode value, Map<String, String> tableNames) {
        if (value.isValueNode()) {
            return value.asText();
        }
        JsonNode ref = value.get("Ref");
        if (ref != null && tableNames.containsKey(ref.asText())) {
            return tableNames.get(ref.asText());
        }
        throw new IllegalStateException("Function " + function.logicalId() + ": environment variable " + name
                + " = " + value + " cannot be resolved outside AWS");
    }
}
