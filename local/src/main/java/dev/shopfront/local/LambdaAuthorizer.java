package dev.shopfront.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shopfront.devkit.SamTemplate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An HTTP API Lambda authorizer (REQUEST type, payload 2.0) run as API Gateway runs it: a request
 * without the identity source is 401 without calling the function; a denial is 403; an allowed
 * request carries the authorizer's context to the route's function.
 */
final class LambdaAuthorizer {
    private final String name;
    private final LocalFunction function;
    private final List<String> identityHeaders;
    private final boolean simpleResponses;
    private final long cacheMillis;
    /** Answers by identity source, kept for ReauthorizeEvery seconds as API Gateway keeps them. */
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    /** @param cacheSeconds the authorizer's ReauthorizeEvery; 0 calls the function on every request */
    LambdaAuthorizer(
            String name,
            LocalFunction function,
            List<String> identityHeaders,
            boolean simpleResponses,
            long cacheSeconds) {
        this.name = name;
        this.function = function;
        this.identityHeaders =
                identityHeaders.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
        this.simpleResponses = simpleResponses;
        this.cacheMillis = cacheSeconds * 1000;
    }

    /** The Lambda authorizers the template's HTTP APIs declare, by name, each running one of {@code functions}. */
    static Map<String, LambdaAuthorizer> ofTemplate(SamTemplate template, Map<String, LocalFunction> functions) {
        Map<String, LambdaAuthorizer> authorizers = new LinkedHashMap<>();
        for (JsonNode api : template.resourcesOfType("AWS::Serverless::HttpApi").values()) {
            for (Map.Entry<String, JsonNode> entry :
                    api.path("Properties").path("Auth").path("Authorizers").properties()) {
                JsonNode config = entry.getValue();
                String functionId = authorizerFunction(entry.getKey(), config.path("FunctionArn"));
                LocalFunction function = functions.get(functionId);
                if (function == null) {
                    throw new IllegalStateException("Authorizer " + entry.getKey() + " names function " + functionId
                            + ", which template.yaml does not declare");
                }
                List<String> headers = new ArrayList<>();
                config.path("Identity").path("Headers").forEach(h -> headers.add(h.asText()));
                authorizers.put(
                        entry.getKey(),
                        new LambdaAuthorizer(
                                entry.getKey(),
                                function,
                                headers,
                                config.path("EnableSimpleResponses").asBoolean(false),
                                config.path("Identity").path("ReauthorizeEvery").asLong(300)));
            }
        }
        return authorizers;
    }

    /** The function an authorizer's FunctionArn names: {@code !GetAtt F.Arn} or SAM's {@code !Ref F.Alias}. */
    private static String authorizerFunction(String authorizer, JsonNode arn) {
        JsonNode getAtt = arn.path("Fn::GetAtt");
        if (getAtt.isArray() && getAtt.path(1).asText().equals("Arn")) {
            return getAtt.path(0).asText();
        }
        String ref = arn.path("Ref").asText("");
        if (ref.endsWith(".Alias")) {
            return ref.substring(0, ref.length() - ".Alias".length());
        }
        throw new IllegalStateException("Authorizer " + authorizer + ": the local API runs Lambda authorizers whose"
                + " FunctionArn is !GetAtt <Function>.Arn or !Ref <Function>.Alias, not " + arn);
    }

    /** One authorizer answer: allowed with this context, or denied (context null). */
    private record Cached(long expiresAt, ObjectNode context) {}

    /** The response to send instead of calling the route, or null when the request may go on (its event then carries the authorizer's context). */
    OutgoingResponse authorize(ObjectNode requestEvent) {
        List<String> identity = new ArrayList<>();
        for (String header : identityHeaders) {
            JsonNode value = requestEvent.path("headers").get(header);
            if (value == null || value.asText().isEmpty()) {
                return OutgoingResponse.message(401, "Unauthorized");
            }
            identity.add(value.asText());
        }
        String key = String.join("\n", identity);
        Cached answer = cacheMillis > 0 ? cache.get(key) : null;
        if (answer == null || answer.expiresAt() < System.currentTimeMillis()) {
            try {
                answer = call(requestEvent, identity);
            } catch (FunctionFailedException | java.io.IOException e) {
                System.err.println("[local] authorizer " + name + " failed: " + e);
                return OutgoingResponse.message(500, "Internal Server Error");
            }
            if (cacheMillis > 0) {
                if (cache.size() > 10_000) {
                    cache.clear();
                }
                cache.put(key, answer);
            }
        }
        if (answer.context() == null) {
            return OutgoingResponse.message(403, "Forbidden");
        }
        ObjectNode authorizer = ((ObjectNode) requestEvent.get("requestContext")).putObject("authorizer");
        authorizer.set("lambda", answer.context().deepCopy());
        return null;
    }

    private Cached call(ObjectNode requestEvent, List<String> identity) throws java.io.IOException {
        ObjectNode authorizerEvent = requestEvent.deepCopy();
        authorizerEvent.put("type", "REQUEST");
        JsonNode http = requestEvent.path("requestContext").path("http");
        authorizerEvent.put(
                "routeArn",
                "arn:aws:execute-api:us-east-1:000000000000:local/$default/"
                        + http.path("method").asText() + http.path("path").asText());
        ArrayNode sources = authorizerEvent.putArray("identitySource");
        identity.forEach(sources::add);
        byte[] output = function.invoke(
                HttpApiEvents.JSON.writeValueAsBytes(authorizerEvent),
                requestEvent.path("requestContext").path("requestId").asText());
        JsonNode answer = HttpApiEvents.JSON.readTree(output);
        boolean allowed = simpleResponses
                ? answer.path("isAuthorized").asBoolean(false)
                : "allow"
                        .equalsIgnoreCase(answer.path("policyDocument")
                                .path("Statement")
                                .path(0)
                                .path("Effect")
                                .asText());
        ObjectNode context = null;
        if (allowed) {
            context = HttpApiEvents.JSON.createObjectNode();
            if (answer.path("context").isObject()) {
                context.setAll((ObjectNode) answer.get("context"));
            }
        }
        return new Cached(System.currentTimeMillis() + cacheMillis, context);
    }
}
