package dev.shopfront.devkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

    /** The function's events of one {@code Type} (HttpApi, SQS, DynamoDB), by event name: their Properties, in file order. */
    public Map<String, JsonNode> eventsOfType(String type) {
        return eventsOfType(properties, type);
    }

    private static Map<String, JsonNode> eventsOfType(JsonNode properties, String type) {
        Map<String, JsonNode> found = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> event : properties.path("Events").properties()) {
            if (type.equals(event.getValue().path("Type").asText())) {
                found.put(event.getKey(), event.getValue().path("Properties"));
            }
        }
        return found;
    }

    private static final Set<String> WRITE_ACTIONS = Set.of(
            "dynamodb:PutItem",
            "dynamodb:UpdateItem",
            "dynamodb:DeleteItem",
            "dynamodb:BatchWriteItem",
            "dynamodb:*",
            "*");

    /** Whether the function's policies let it write one of {@code tables}: a statement or a SAM write policy template. */
    public boolean writesToAny(Set<String> tables) {
        for (JsonNode policy : properties.path("Policies")) {
            for (String template : List.of("DynamoDBCrudPolicy", "DynamoDBWritePolicy")) {
                if (tables.contains(
                        policy.path(template).path("TableName").path("Ref").asText(""))) {
                    return true;
                }
            }
            for (JsonNode statement : policy.path("Statement")) {
                JsonNode actions = statement.path("Action");
                boolean writes = false;
                for (JsonNode action : actions.isArray() ? actions : List.of(actions)) {
                    writes |= WRITE_ACTIONS.contains(action.asText());
                }
                String resources = statement.path("Resource").toString();
                if (writes
                        && tables.stream()
                                .anyMatch(t ->
                                        resources.contains("\"" + t + "\"") || resources.contains("${" + t + "."))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether an environment variable of the function is a {@code !Ref} or {@code !GetAtt} of one of {@code resources}. */
    public boolean namesAny(Set<String> resources) {
        for (JsonNode value : environment.values()) {
            String ref = value.path("Ref").asText("");
            String getAtt = value.path("Fn::GetAtt").path(0).asText("");
            if (resources.contains(ref) || resources.contains(getAtt)) {
                return true;
            }
        }
        return false;
    }

    static FunctionDefinition of(String logicalId, JsonNode properties, JsonNode globals) {
        Map<String, JsonNode> environment = new LinkedHashMap<>();
        globals.path("Environment")
                .path("Variables")
                .properties()
                .forEach(e -> environment.put(e.getKey(), e.getValue()));
        properties
                .path("Environment")
                .path("Variables")
                .properties()
                .forEach(e -> environment.put(e.getKey(), e.getValue()));

        List<HttpRoute> routes = new ArrayList<>();
        eventsOfType(properties, "HttpApi")
                .forEach((name, eventProperties) -> routes.add(new HttpRoute(
                        name,
                        eventProperties.path("Method").asText().toUpperCase(java.util.Locale.ROOT),
                        eventProperties.path("Path").asText(),
                        eventProperties)));
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
