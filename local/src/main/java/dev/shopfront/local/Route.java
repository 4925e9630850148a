package dev.shopfront.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shopfront.devkit.FunctionDefinition;
import dev.shopfront.devkit.FunctionDefinition.HttpRoute;
import dev.shopfront.devkit.SamTemplate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One HttpApi route of the template and the function behind it, matched the way API Gateway
 * matches: {@code {name}} takes one path segment, {@code {name+}} the rest of the path.
 *
 * @param authorizer the name of the Lambda authorizer guarding the route, or null for a public route
 */
record Route(HttpRoute route, LocalFunction function, String authorizer) {

    /** Every HttpApi route of the template, each with its function and authorizer; a route key declared twice fails. */
    static List<Route> ofTemplate(SamTemplate template, LocalFunctions functions) {
        Map<String, String> seen = new LinkedHashMap<>();
        List<Route> routes = new ArrayList<>();
        for (FunctionDefinition definition : template.functions()) {
            for (HttpRoute route : definition.routes()) {
                String earlier = seen.putIfAbsent(route.routeKey(), definition.logicalId());
                if (earlier != null) {
                    throw new IllegalStateException(
                            "Route " + route.routeKey() + " is declared twice in template.yaml, by " + earlier + " and "
                                    + definition.logicalId() + ": keep one");
                }
                routes.add(new Route(route, functions.get(definition.logicalId()), authorizerOf(template, route)));
            }
        }
        return routes;
    }

    /** The route's own Auth.Authorizer, else its API's DefaultAuthorizer; NONE means public. */
    private static String authorizerOf(SamTemplate template, HttpRoute route) {
        JsonNode own = route.properties().path("Auth").path("Authorizer");
        String name = own.isMissingNode() ? null : own.asText();
        if (name == null) {
            JsonNode api = apiOf(template, route);
            name = api == null
                    ? null
                    : api.path("Properties")
                            .path("Auth")
                            .path("DefaultAuthorizer")
                            .asText(null);
        }
        return name == null || name.equals("NONE") ? null : name;
    }

    /** The HttpApi resource a route belongs to: its ApiId, or the template's only HttpApi. */
    private static JsonNode apiOf(SamTemplate template, HttpRoute route) {
        Map<String, JsonNode> apis = template.resourcesOfType("AWS::Serverless::HttpApi");
        JsonNode ref = route.properties().path("ApiId").path("Ref");
        if (!ref.isMissingNode()) {
            return apis.get(ref.asText());
        }
        return null;
    }

    String routeKey() {
        return route.routeKey();
    }

    /** API Gateway's limit for an HTTP API integration, and its default. */
    static final int MAX_INTEGRATION_TIMEOUT_MILLIS = 30_000;

    /** How long API Gateway waits for the function: the event's {@code TimeoutInMillis}, else 30 s. */
    long integrationTimeoutMillis() {
        int millis = route.properties().path("TimeoutInMillis").asInt(MAX_INTEGRATION_TIMEOUT_MILLIS);
        return Math.clamp(millis, 50, MAX_INTEGRATION_TIMEOUT_MILLIS);
    }

    /** Literal segments first: {@code GET /users/me} wins over {@code GET /users/{id}}, as on API Gateway. */
    int specificity() {
        int literal = 0;
        for (String segment : segments(route.path())) {
            if (!segment.startsWith("{")) {
                literal += 2;
            } else if (!segment.endsWith("+}")) {
                literal += 1;
            }
        }
        return literal * 2 + (route.method().equals("ANY") ? 0 : 1);
    }

    /**
     * The path parameters when this route serves the request, else null. Methods are case-sensitive,
     * as on API Gateway: {@code get} is not {@code GET}. {@code HEAD} is served by a {@code HEAD} or
     * {@code ANY} route only, never by {@code GET}.
     */
    Map<String, String> match(String method, String path) {
        if (!route.method().equals("ANY") && !route.method().equals(method)) {
            return null;
        }
        List<String> template = segments(route.path());
        List<String> actual = segments(path);
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < template.size(); i++) {
            String part = template.get(i);
            if (part.startsWith("{") && part.endsWith("+}")) {
                if (i >= actual.size()) {
                    return null;
                }
                parameters.put(
                        part.substring(1, part.length() - 2), String.join("/", actual.subList(i, actual.size())));
                return parameters;
            }
            if (i >= actual.size()) {
                return null;
            }
            if (part.startsWith("{") && part.endsWith("}")) {
                if (actual.get(i).isEmpty()) {
                    return null;
                }
                parameters.put(
                        part.substring(1, part.length() - 1),
                        java.net.URLDecoder.decode(
                                actual.get(i).replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8));
            } else if (!part.equals(actual.get(i))) {
                return null;
            }
        }
        return template.size() == actual.size() ? parameters : null;
    }

    private static List<String> segments(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        if (trimmed.isEmpty()) {
            return List.of();
        }
        return List.of(trimmed.split("/", -1));
    }
}
