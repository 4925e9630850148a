package dev.shopfront.auth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shopfront.devkit.testing.TestEvents;
import java.nio.charset.StandardCharsets;

/**
 * A real-shaped Lambda authorizer event (REQUEST type, payload 2.0) as the HTTP API sends it for a
 * protected route, as the bytes the Lambda runtime hands the stream handler.
 */
final class AuthorizerEvent {
    private final ObjectNode event;

    private AuthorizerEvent(ObjectNode event) {
        this.event = event;
    }

    /** A request whose {@code Authorization} header is {@code value}, as is (the identity source repeats it). */
    static AuthorizerEvent withAuthorization(String value) {
        ObjectNode event = TestEvents.load("authorize.json");
        ((ObjectNode) event.get("headers")).put("authorization", value);
        event.putArray("identitySource").add(value);
        return new AuthorizerEvent(event);
    }

    /** An event as given, for the shapes the factories here do not build. */
    static AuthorizerEvent of(ObjectNode event) {
        return new AuthorizerEvent(event);
    }

    static AuthorizerEvent withBearer(String token) {
        return withAuthorization("Bearer " + token);
    }

    /** A request without an {@code Authorization} header, so without an identity source either. */
    static AuthorizerEvent withoutAuthorization() {
        ObjectNode event = TestEvents.load("authorize.json");
        ((ObjectNode) event.get("headers")).remove("authorization");
        event.remove("identitySource");
        return new AuthorizerEvent(event);
    }

    /** The event as the handler receives it from the Lambda runtime: its JSON. */
    byte[] toBytes() {
        return event.toString().getBytes(StandardCharsets.UTF_8);
    }
}
