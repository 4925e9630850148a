package dev.shopfront.products;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * A real-shaped API Gateway HTTP API (payload 2.0) event, read from {@code src/test/resources/events},
 * adjusted for one test and turned into the event object exactly as the Lambda Java runtime does.
 */
final class ApiEvent {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PojoSerializer<APIGatewayV2HTTPEvent> RUNTIME_SERIALIZER =
            LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class, ApiEvent.class.getClassLoader());
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ObjectNode event;

    private ApiEvent(ObjectNode event) {
        this.event = event;
    }

    static ApiEvent createProduct(String callerId) {
        return load("create-product.json").asCaller(callerId);
    }

    /** A public route: no authorizer context. */
    static ApiEvent getProduct(String id) {
        return load("get-product.json").pathId(id);
    }

    /** A public route without query parameters; add them with {@link #query}. */
    static ApiEvent listProducts() {
        ApiEvent event = load("list-products.json");
        event.event.remove("queryStringParameters");
        event.event.put("rawQueryString", "");
        return event;
    }

    static ApiEvent updateProduct(String id, String callerId) {
        return load("update-product.json").pathId(id).asCaller(callerId);
    }

    static ApiEvent deleteProduct(String id, String callerId) {
        return load("delete-product.json").pathId(id).asCaller(callerId);
    }

    /** The caller as the Lambda authorizer passes it: {@code requestContext.authorizer.lambda.userId}. */
    ApiEvent asCaller(String userId) {
        ObjectNode lambda = ((ObjectNode) event.get("requestContext")).putObject("authorizer").putObject("lambda");
        lambda.put("userId", userId);
        return this;
    }

    /** No authorizer context: a route reached without the authorizer. */
    ApiEvent withoutCaller() {
        ((ObjectNode) event.get("requestContext")).remove("authorizer");
        return this;
    }

    /** A UTF-8 JSON body, sent as text. */
    ApiEvent body(String body) {
        event.put("body", body);
        event.put("isBase64Encoded", false);
        headers().put("content-length", Integer.toString(body.getBytes(StandardCharsets.UTF_8).length));
        return this;
    }

    /** Sets a header (API Gateway lower-cases names), or removes it when {@code value} is null. */
    ApiEvent header(String name, String value) {
        String key = name.toLowerCase(Locale.ROOT);
        if (value == null) {
            headers().remove(key);
        } else {
            headers().put(key, value);
        }
        return this;
    }

    /** One more query string parameter, in {@code queryStringParameters} and in {@code rawQueryString}. */
    ApiEvent query(String name, String value) {
        ObjectNode parameters = event.has("queryStringParameters")
                ? (ObjectNode) event.get("queryStringParameters")
                : event.putObject("queryStringParameters");
        parameters.put(name, value);
        List<String> pairs = new ArrayList<>();
        parameters.properties().forEach(p -> pairs.add(URLEncoder.encode(p.getKey(), StandardCharsets.UTF_8)
                + "=" + URLEncoder.encode(p.getValue().asText(), StandardCharsets.UTF_8)));
        event.put("rawQueryString", String.join("&", pairs));
        return this;
    }

    /** The {id} of the route, in the path parameters and in both copies of the path. */
    ApiEvent pathId(String id) {
        String path = "/products/" + id;
        event.put("rawPath", path);
        ((ObjectNode) event.get("requestContext").get("http")).put("path", path);
        ((ObjectNode) event.get("pathParameters")).put("id", id);
        return this;
    }

    String routeKey() {
        return event.get("routeKey").asText();
    }

    String rawPath() {
        return event.get("rawPath").asText();
    }

    String requestId() {
        return event.get("requestContext").get("requestId").asText();
    }

    /** The event as the handler receives it from the Lambda runtime. */
    APIGatewayV2HTTPEvent toLambdaEvent() {
        try {
            return RUNTIME_SERIALIZER.fromJson(JSON.writeValueAsString(event));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every event gets a request id of its own, in API Gateway's form, so tests can tell responses apart. */
    private static ApiEvent load(String file) {
        try (InputStream in = ApiEvent.class.getResourceAsStream("/events/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("No test event events/" + file);
            }
            ObjectNode event = (ObjectNode) JSON.readTree(in);
            byte[] id = new byte[11];
            RANDOM.nextBytes(id);
            ((ObjectNode) event.get("requestContext")).put("requestId", Base64.getEncoder().encodeToString(id));
            return new ApiEvent(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ObjectNode headers() {
        return (ObjectNode) event.get("headers");
    }
}
