package dev.shopfront.devkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@code AWS::Serverless::Function} of the template with the template's Globals applied.
 *
 * @param environment variable name to its template value, which may still be an intrinsic
 *     such as {@code {"Ref": "UsersTable"}}
 */
public record FunctionDefinition(
        String logicalId,
        String handler,
        String codeUri,
        Map<String, JsonNode> environment,
        List<HttpRoute> routes,
        JsonNode properties) {

    /** An {@code HttpApi} event of a function: the method and path template it serves. */
    public record HttpRoute(String eventName, String method, String path, JsonNode properties) {
        /** The route key as API Gateway writes it, such as {@code GET /users/{id}}. */
        public String routeKey() {
            return method + " " + path;
        }
    }

    static FunctionDefinition of(String logicalId, JsonNode properties, JsonNode globals) {
        Map<String, JsonNode> environment = new LinkedHashMap<>();
        globals.path("Environment").path("Variables").properties()
                .forEach(e -> environment.put(e.getKey(), e.getValue()));
        properties.path("Environment").path("Variables").properties()
                .forEach(e -> environment.put(e.getKey(), e.getValue()));

        List<HttpRoute> routes = new ArrayList<>();
        for (Map.Entry<String, JsonNode> event : properties.path("Events").properties()) {
            if ("HttpApi".equals(event.getValue().path("Type").asText())) {
                JsonNode eventProperties = event.getValue().path("Properties");
                routes.add(new HttpRoute(
                        event.getKey(),
                        eventProperties.path("Method").asText().toUpperCase(java.util.Locale.ROOT),
                        eventProperties.path("Path").asText(),
                        eventProperties));
            }
        }
        return new FunctionDefinition(
                logicalId,
                text(properties, globals, "Handler"),
                text(properties, globals, "CodeUri"),
                Collections.unmodifiableMap(environment),
                List.copyOf(routes),
                properties);
    }

    private static String text(JsonNode properties, JsonNode globals, String name) {
        JsonNode value = properties.has(name) ? properties.get(name) : globals.get(name);
        return value == null || value.isNull() ? null : value.asText();
    }
}
