package dev.shopfront.users;

import dev.shopfront.devkit.testing.HttpApiEvent;
import java.util.Locale;

/** The /users routes' events, the samples of the repository's {@code events/}; see {@link HttpApiEvent} for adjusting them. */
final class UserEvents {
    private UserEvents() {}

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
        return HttpApiEvent.load("get-current-user.json").asCaller(callerId);
    }
}
