package dev.shopfront.service;

import java.time.Duration;
import java.util.Optional;

/**
 * Issues and verifies the API's access tokens. An interface, like {@link PasswordHasher}: the signing
 * library lives with the auth functions, the only ones that sign or verify, so the other functions'
 * artifacts never carry it.
 */
public interface AccessTokens {
    /** How long an issued token is good for. */
    Duration lifetime();

    /** A token for {@code userId}, valid for {@link #lifetime()} from now. */
    String issue(String userId);

    /** Who a good token stands for, and until when; empty for any token that is not good, never an exception. */
    Optional<Caller> verify(String token);
}
