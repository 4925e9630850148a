package dev.shopfront.service;

import dev.shopfront.repository.UserRepository;
import java.util.Optional;

/**
 * Who a bearer token stands for: the Lambda authorizer's one question. Built on the token service and
 * the users repository only, so the authorizer never builds the password hasher or the email
 * reservations (issue 9: each function builds only what it uses).
 */
public final class Authenticator {
    private final AccessTokens tokens;
    private final UserRepository users;

    public Authenticator(AccessTokens tokens, UserRepository users) {
        this.tokens = tokens;
        this.users = users;
    }

    /**
     * Who a bearer token stands for, if the token is good and its user still exists. A bad
     * token is an empty answer, never an exception; only a failed read of the user throws.
     *
     * @param authorization the {@code Authorization} header value, {@code Bearer <token>}
     */
    public Optional<Caller> authenticate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        return tokens.verify(authorization.substring(7))
                .filter(caller -> users.find(caller.userId()).isPresent());
    }
}
