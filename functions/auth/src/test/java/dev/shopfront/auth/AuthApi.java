package dev.shopfront.auth;

import static dev.shopfront.devkit.testing.JsonBody.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shopfront.config.Environment;
import dev.shopfront.config.SecretValues;
import dev.shopfront.config.Wiring;
import dev.shopfront.devkit.junit.TestDynamoDb;
import dev.shopfront.devkit.testing.Answer;
import dev.shopfront.devkit.testing.HttpApiEvent;
import dev.shopfront.devkit.testing.InjectedFailure;
import dev.shopfront.devkit.testing.RecordingContext;
import dev.shopfront.repository.dynamodb.DynamoDbEmailReservationRepository;
import dev.shopfront.repository.dynamodb.DynamoDbUserRepository;
import dev.shopfront.schema.UserCreate;
import dev.shopfront.service.AuthService;
import dev.shopfront.service.Authenticator;
import dev.shopfront.service.PasswordHasher;
import dev.shopfront.service.UserService;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The auth handlers as the template configures them, over the test's tables, with the user service
 * that registers the users they sign in, called the way Lambda calls them.
 */
final class AuthApi {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Environment environment;
    private final UserService users;
    private final IssueTokenHandler issueToken;
    private final AuthorizerHandler authorizer;

    private AuthApi(Environment environment, UserService users, AuthService auth, Authenticator authenticator) {
        this.environment = environment;
        this.users = users;
        this.issueToken = new IssueTokenHandler(auth);
        this.authorizer = new AuthorizerHandler(authenticator);
    }

    /** The container's wiring, over the test's tables. */
    static AuthApi over(TestDynamoDb db, Clock clock) {
        return over(db, db.client(), clock);
    }

    /** The container's wiring, over the test's tables, storing and reading through {@code client}. */
    static AuthApi over(TestDynamoDb db, DynamoDbClient client, Clock clock) {
        Environment environment = Environment.of(db.environment());
        return new AuthApi(
                environment,
                Wiring.userService(environment, client, clock),
                Wiring.authService(environment, client, AuthWiring.tokenService(environment, clock)),
                Wiring.authenticator(environment, client, AuthWiring.tokenService(environment, clock)));
    }

    /** A client whose every call fails before it is sent, as when DynamoDB is out of reach. */
    static DynamoDbClient unreachable(TestDynamoDb db) {
        return db.clientBuilder()
                .overrideConfiguration(o -> o.addExecutionInterceptor(InjectedFailure.outage()))
                .build();
    }

    /** As {@link #over(TestDynamoDb, Clock)}, with sign-in checking passwords through {@code passwords}. */
    static AuthApi over(TestDynamoDb db, Clock clock, PasswordHasher passwords) {
        Environment environment = Environment.of(db.environment());
        DynamoDbEnhancedClient enhanced =
                DynamoDbEnhancedClient.builder().dynamoDbClient(db.client()).build();
        AuthService auth = new AuthService(
                new DynamoDbUserRepository(enhanced, environment.require(Wiring.USERS_TABLE)),
                new DynamoDbEmailReservationRepository(enhanced, environment.require(Wiring.EMAILS_TABLE)),
                passwords,
                AuthWiring.tokenService(environment, clock));
        return new AuthApi(
                environment,
                Wiring.userService(environment, db.client(), clock),
                auth,
                Wiring.authenticator(environment, db.client(), AuthWiring.tokenService(environment, clock)));
    }

    UserService users() {
        return users;
    }

    /** The template's token signing key, as the functions read it. */
    byte[] signingKey() {
        return SecretValues.read(environment, AuthWiring.TOKEN_SECRET);
    }

    /** A token service with the template's key and settings, reading time from {@code clock}. */
    TokenService tokens(Clock clock) {
        return AuthWiring.tokenService(environment, clock);
    }

    /** Registers a user; returns its id. */
    String register(String email, String password) {
        return users.create(new UserCreate(email, password, null)).id();
    }

    Answer signIn(String body) {
        return signIn(AuthEvents.issueToken().body(body));
    }

    Answer signIn(String email, String password) {
        return signIn(json("email", email, "password", password));
    }

    Answer signIn(HttpApiEvent event) {
        return event.sendTo(issueToken);
    }

    /** Signs in, which must succeed; returns the access token. */
    String accessToken(String email, String password) {
        Answer answer = signIn(email, password);
        assertEquals(200, answer.status(), answer::toString);
        return answer.json().get("accessToken").asText();
    }

    /** The authorizer's answer to {@code event}, its JSON read into a map, as API Gateway reads it. */
    Map<String, Object> authorize(AuthorizerEvent event) {
        return JSON.convertValue(authorizeRaw(event), new TypeReference<Map<String, Object>>() {});
    }

    /** The authorizer's answer to {@code event}, as written. */
    JsonNode authorizeRaw(AuthorizerEvent event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            authorizer.handleRequest(new ByteArrayInputStream(event.toBytes()), out, new RecordingContext());
            return JSON.readTree(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh address, so tests sharing the tables never collide. */
    static String unique(String local) {
        return local + "." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }
}
