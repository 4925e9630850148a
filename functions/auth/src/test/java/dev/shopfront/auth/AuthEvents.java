package dev.shopfront.auth;

import dev.shopfront.devkit.testing.HttpApiEvent;

/** The auth routes' HTTP API events, the samples of the repository's {@code events/}; see {@link HttpApiEvent} for adjusting them. */
final class AuthEvents {
    private AuthEvents() {}

    /** {@code POST /auth/token}, with the body the file holds until a test sets its own. */
    static HttpApiEvent issueToken() {
        return HttpApiEvent.load("issue-token.json");
    }
}
