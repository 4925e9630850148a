package dev.shopfront.auth;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shopfront.devkit.testing.TestEvents;

/**
 * A real-shaped Lambda authorizer event (REQUEST type, payload 2.0) as the HTTP API sends it for a
 * protected route, turned into the event object exactly as the Lambda Java runtime does.
 */
final class AuthorizerEvent {
    private final ObjectNode event;

    private AuthorizerEvent(ObjectNode event) {
        this.event = event;
    }

    /** A request whose {@code Authorization} header is {@code value}, as is (the identity source repeats it). */
    static AuthorizerEvent withAuthorization(String value) {
        ObjectNode event = TestEvents.load("authorizer-request.json");
        ((ObjectNode) event.get("headers")).put("authorization", value);
        event.putArray("identitySource").add(value);
        return new AuthorizerEvent(event);
    }

    static AuthorizerEvent withBearer(String token) {
        return withAuthorization("Bearer " + token);
    }

    /** A request without an {@code Authorization} header, so without an identity source either. */
    static AuthorizerEvent withoutAuthorization() {
        ObjectNode event = TestEvents.load("authorizer-request.json");
        ((ObjectNode) event.get("headers")).remove("authorization");
        event.remove("identitySource");
        return new AuthorizerEvent(event);
    }

    /** The event as the handler receives it from the Lambda runtime. */
    APIGatewayV2CustomAuthorizerEvent toLambdaEvent() {
        return TestEvents.toLambdaEvent(APIGatewayV2CustomAuthorizerEvent.class, event);
    }
}
