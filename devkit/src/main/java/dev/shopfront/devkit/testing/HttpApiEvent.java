package dev.shopfront.devkit.testing;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A real-shaped API Gateway HTTP API (payload 2.0) event, read from {@code src/test/resources/events},
 * adjusted for one test and turned into the event object exactly as the Lambda Java runtime does.
 */
public final class HttpApiEvent {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** What API Gateway reads from a payload 2.0 response: anything else would be a mistake of the handler. */
    private static final Set<String> RESPONSE_FIELDS =
            Set.of("statusCode", "headers", "cookies", "body", "isBase64Encoded");

    private final ObjectNode event;

    private HttpApiEvent(ObjectNode event) {
        this.event = event;
    }

    /** Every event gets a request id of its own, in API Gateway's form, so tests can tell responses apart. */
    public static HttpApiEvent load(String file) {
        ObjectNode event = TestEvents.load(file);
        byte[] id = new byte[11];
        RANDOM.nextBytes(id);
        ((ObjectNode) event.get("requestContext"))
                .put("requestId", Base64.getEncoder().encodeToString(id));
        return new HttpApiEvent(event);
    }

    /** An event read from a class path resource other than {@code events/} (a function's priming events), kept as it is. */
    public static HttpApiEvent resource(String name) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try (java.io.InputStream in =
                (loader == null ? HttpApiEvent.class.getClassLoader() : loader).getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("No resource " + name);
            }
            return new HttpApiEvent((ObjectNode) JSON.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The caller as the Lambda authorizer passes it: {@code requestContext.authorizer.lambda.userId}. */
    public HttpApiEvent asCaller(String userId) {
        ObjectNode lambda = ((ObjectNode) event.get("requestContext"))
                .putObject("authorizer")
                .putObject("lambda");
        lambda.put("userId", userId);
        return this;
    }

    /**
     * The token's expiry (epoch seconds) as the Lambda authorizer passes it beside the caller
     * ({@code requestContext.authorizer.lambda.tokenExpiresAt}); call {@link #asCaller} first.
     */
    public HttpApiEvent tokenExpiresAt(long epochSeconds) {
        ((ObjectNode) event.get("requestContext").get("authorizer").get("lambda")).put("tokenExpiresAt", epochSeconds);
        return this;
    }

    /** No authorizer context: a route reached without the authorizer. */
    public HttpApiEvent withoutCaller() {
        ((ObjectNode) event.get("requestContext")).remove("authorizer");
        return this;
    }

    /** A UTF-8 body (JSON or not), sent as text. */
    public HttpApiEvent body(String body) {
        event.put("body", body);
        event.put("isBase64Encoded", false);
        headers().put("content-length", Integer.toString(body.getBytes(StandardCharsets.UTF_8).length));
        return this;
    }

    /** A body API Gateway passes base64-encoded, as it does for payloads it does not treat as text. */
    public HttpApiEvent base64Body(byte[] body) {
        event.put("body", Base64.getEncoder().encodeToString(body));
        event.put("isBase64Encoded", true);
        headers().put("content-length", Integer.toString(body.length));
        return this;
    }

    /** Marks the current body as base64-encoded without encoding it, as for a body that is not valid base64. */
    public HttpApiEvent base64Flag() {
        event.put("isBase64Encoded", true);
        return this;
    }

    /** Sets a header (API Gateway lower-cases names), or removes it when {@code value} is null. */
    public HttpApiEvent header(String name, String value) {
        String key = name.toLowerCase(Locale.ROOT);
        if (value == null) {
            headers().remove(key);
        } else {
            headers().put(key, value);
        }
        return this;
    }

    /** One more query string parameter, in {@code queryStringParameters} and in {@code rawQueryString}. */
    public HttpApiEvent query(String name, String value) {
        ObjectNode parameters = event.has("queryStringParameters")
                ? (ObjectNode) event.get("queryStringParameters")
                : event.putObject("queryStringParameters");
        parameters.put(name, value);
        List<String> pairs = new ArrayList<>();
        parameters
                .properties()
                .forEach(p -> pairs.add(URLEncoder.encode(p.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(p.getValue().asText(), StandardCharsets.UTF_8)));
        event.put("rawQueryString", String.join("&", pairs));
        return this;
    }

    /**
     * The {id} of the route, in the path parameters and in both copies of the path (the route key's
     * path with {@code {id}} replaced).
     */
    public HttpApiEvent pathId(String id) {
        String template = routeKey().substring(routeKey().indexOf(' ') + 1);
        if (!template.contains("{id}")) {
            throw new IllegalStateException("Route " + routeKey() + " has no {id}");
        }
        String path = template.replace("{id}", id);
        event.put("rawPath", path);
        ((ObjectNode) event.get("requestContext").get("http")).put("path", path);
        ((ObjectNode) event.get("pathParameters")).put("id", id);
        return this;
    }

    public String routeKey() {
        return event.get("routeKey").asText();
    }

    public String rawPath() {
        return event.get("rawPath").asText();
    }

    public String requestId() {
        return event.get("requestContext").get("requestId").asText();
    }

    /** The event's JSON itself, for the adjustments one route needs that no method here makes. */
    public ObjectNode json() {
        return event;
    }

    /** The event as the handler receives it from the Lambda runtime. */
    public APIGatewayV2HTTPEvent toLambdaEvent() {
        return TestEvents.toLambdaEvent(APIGatewayV2HTTPEvent.class, event);
    }

    /**
     * Invokes a stream handler as Lambda does: the event's JSON in, the response's JSON out, read back
     * as API Gateway reads it (only its fields, of their types; a response without {@code statusCode}
     * fails the test).
     */
    public Answer sendTo(RequestStreamHandler handler) {
        RecordingContext context = new RecordingContext();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(JSON.writeValueAsBytes(event)), output, context);
            return new Answer(this, readResponse(JSON.readTree(output.toByteArray())), context);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static APIGatewayV2HTTPResponse readResponse(JsonNode json) {
        if (!json.isObject() || !json.path("statusCode").isInt()) {
            throw new IllegalStateException("Not a payload 2.0 response: " + json);
        }
        json.fieldNames().forEachRemaining(name -> {
            if (!RESPONSE_FIELDS.contains(name)) {
                throw new IllegalStateException("API Gateway does not read field " + name + " of response " + json);
            }
        });
        Map<String, String> headers = null;
        if (json.has("headers")) {
            headers = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> header : json.get("headers").properties()) {
                if (!header.getValue().isTextual()) {
                    throw new IllegalStateException("Header " + header.getKey() + " is not a string: " + json);
                }
                headers.put(header.getKey(), header.getValue().asText());
            }
        }
        JsonNode body = json.get("body");
        if (body != null && !body.isTextual() && !body.isNull()) {
            throw new IllegalStateException("The body is not a string: " + json);
        }
        JsonNode base64 = json.get("isBase64Encoded");
        if (base64 != null && !base64.isBoolean()) {
            throw new IllegalStateException("isBase64Encoded is not a boolean: " + json);
        }
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(json.get("statusCode").asInt())
                .withHeaders(headers)
                .withBody(body == null || body.isNull() ? null : body.asText())
                .withIsBase64Encoded(base64 != null && base64.asBoolean())
                .build();
    }

    private ObjectNode headers() {
        return (ObjectNode) event.get("headers");
    }
}
