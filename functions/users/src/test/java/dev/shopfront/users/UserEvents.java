package dev.shopfront.users;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shopfront.devkit.testing.HttpApiEvent;
import java.util.Locale;

/** The /users routes' events, from {@code src/test/resources/events}; see {@link HttpApiEvent} for adjusting them. */
final class UserEvents {
    private UserEvents() {
    }

    static HttpApiEvent createUser() {
        return HttpApiEvent.load("create-user.json");
    }

    /** GET /users/{id} by the user itself (the token holds ids lower-case); see {@link HttpApiEvent#asCaller}. */
    static HttpApiEvent getUser(String id) {
        return HttpApiEvent.load("get-user.json").pathId(id).asCaller(id.toLowerCase(Locale.ROOT));
    }

    static HttpApiEvent updateUser(String id) {
        return HttpApiEvent.load("update-user.json").pathId(id).asCaller(id.toLowerCase(Locale.ROOT));
    }

    static HttpApiEvent deleteUser(String id) {
        return HttpApiEvent.load("delete-user.json").pathId(id).asCaller(id.toLowerCase(Locale.ROOT));
    }

    /** GET /users/me for {@code callerId}. */
    static HttpApiEvent getCurrentUser(String callerId) {
        HttpApiEvent event = HttpApiEvent.load("get-user.json").asCaller(callerId);
        ObjectNode json = event.json();
        json.put("routeKey", "GET /users/me");
        json.put("rawPath", "/users/me");
        ((ObjectNode) json.get("requestContext").get("http")).put("path", "/users/me");
        ((ObjectNode) json.get("requestContext")).put("routeKey", "GET /users/me");
        json.remove("pathParameters");
        return event;
    }
}
