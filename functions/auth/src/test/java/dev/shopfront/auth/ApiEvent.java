package dev.shopfront.auth;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;

/**
 * A real-shaped API Gateway HTTP API (payload 2.0) event for {@code POST /auth/token}, read from
 * {@code src/test/resources/events}, adjusted for one test and turned into the event object
 * exactly as the Lambda Java runtime does.
 */
final class ApiEvent {
    private static final PojoSerializer<APIGatewayV2HTTPEvent> RUNTIME_SERIALIZER =
            LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class, ApiEvent.class.getClassLoader());
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ObjectNode event;

    private ApiEvent(ObjectNode event) {
        this.event = event;
    }

    /** Every event gets a request id of its own, in API Gateway's form, so tests can tell responses apart. */
    static ApiEvent issueToken() {
        ObjectNode event = TestEvents.load("issue-token.json");
        byte[] id = new byte[11];
        RANDOM.nextBytes(id);
        ((ObjectNode) event.get("requestContext")).put("requestId", Base64.getEncoder().encodeToString(id));
        return new ApiEvent(event);
    }

    /** A body sent as text. */
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

    String rawPath() {
        return event.get("rawPath").asText();
    }

    String requestId() {
        return event.get("requestContext").get("requestId").asText();
    }

    /** The event as the handler receives it from the Lambda runtime. */
    APIGatewayV2HTTPEvent toLambdaEvent() {
        return TestEvents.deserialize(RUNTIME_SERIALIZER, event);
    }

    private ObjectNode headers() {
        return (ObjectNode) event.get("headers");
    }
}
