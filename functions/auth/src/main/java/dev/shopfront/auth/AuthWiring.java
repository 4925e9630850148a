package dev.shopfront.auth;

import dev.shopfront.config.Environment;
import dev.shopfront.config.SecretValues;
import dev.shopfront.config.Wiring;
import dev.shopfront.service.AuthService;
import dev.shopfront.service.Authenticator;
import java.time.Clock;
import java.time.Duration;

/**
 * Builds the auth functions' services once per container: shared {@link Wiring}'s repositories and
 * client, with this module's {@link TokenService}, the only code that needs the JWT library.
 */
final class AuthWiring {
    /** The token signing secret: its ARN on AWS (see {@link SecretValues}). */
    static final String TOKEN_SECRET = "TOKEN_SECRET_ARN";

    static final String TOKEN_ISSUER = "TOKEN_ISSUER";
    static final String TOKEN_TTL_SECONDS = "TOKEN_TTL_SECONDS";
    static final String DEFAULT_ISSUER = "shopfront";
    static final long DEFAULT_TOKEN_TTL_SECONDS = 3600;

    private AuthWiring() {}

    /** The container's sign-in service. */
    static AuthService auth() {
        return SignIn.SERVICE;
    }

    /** The container's token checker (the Lambda authorizer). */
    static Authenticator authenticator() {
        return Authentication.SERVICE;
    }

    /** The container's token service: the key read once, from the environment's secret. */
    static TokenService tokens() {
        return Tokens.SERVICE;
    }

    /** Token settings: the secret (required), the issuer and lifetime (defaults: shopfront, 3600 s). */
    static TokenService tokenService(Environment environment, Clock clock) {
        byte[] key = SecretValues.read(environment, TOKEN_SECRET);
        String issuer = environment.optional(TOKEN_ISSUER).orElse(DEFAULT_ISSUER);
        long lifetime = environment.optional(TOKEN_TTL_SECONDS).isPresent()
                ? environment.requirePositiveLong(TOKEN_TTL_SECONDS)
                : DEFAULT_TOKEN_TTL_SECONDS;
        return new TokenService(key, issuer, Duration.ofSeconds(lifetime), clock);
    }

    /** Lazy holders: the JVM builds each once, on first use, thread-safely. */
    private static final class Tokens {
        static final TokenService SERVICE = tokenService(Wiring.environment(), Clock.systemUTC());
    }

    private static final class SignIn {
        static final AuthService SERVICE =
                Wiring.http(() -> Wiring.authService(Wiring.environment(), Wiring.dynamoDb(), Tokens.SERVICE));
    }

    private static final class Authentication {
        static final Authenticator SERVICE =
                Wiring.authenticator(Wiring.environment(), Wiring.dynamoDb(), Tokens.SERVICE);
    }
}
