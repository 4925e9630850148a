package dev.shopfront.users;

import static dev.shopfront.devkit.testing.JsonBody.json;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.shopfront.config.Environment;
import dev.shopfront.config.Wiring;
import dev.shopfront.devkit.junit.TestDynamoDb;
import dev.shopfront.devkit.testing.Answer;
import dev.shopfront.devkit.testing.HttpApiEvent;
import dev.shopfront.service.Argon2idPasswordHasher;
import dev.shopfront.service.FingerprintSeal;
import dev.shopfront.service.Idempotency;
import dev.shopfront.service.UserLookup;
import dev.shopfront.service.UserService;
import java.time.Clock;
import java.time.Duration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The /users handlers over one user service, called with real-shaped events the way Lambda calls them. */
final class UsersApi {
    private final CreateUserHandler create;
    private final GetUserHandler get;
    private final UpdateUserHandler update;
    private final DeleteUserHandler delete;
    private final GetCurrentUserHandler me;

    private UsersApi(UserService users, UserLookup lookup, Idempotency idempotency) {
        this.create = new CreateUserHandler(users, idempotency);
        this.get = new GetUserHandler(lookup);
        this.update = new UpdateUserHandler(users);
        this.delete = new DeleteUserHandler(users);
        this.me = new GetCurrentUserHandler(lookup);
    }

    /** The handlers as the template configures them, storing through {@code client}. */
    static UsersApi over(TestDynamoDb db, DynamoDbClient client, Clock clock) {
        Environment environment = Environment.of(db.environment());
        return new UsersApi(
                Wiring.userService(environment, client, clock),
                Wiring.userLookup(environment, client),
                Wiring.idempotency(
                        environment, client, FingerprintSeal.hashedWith(new Argon2idPasswordHasher()), clock));
    }

    /** The template's EMAIL_RESERVATION_GRACE_SECONDS. */
    static Duration gracePeriod(TestDynamoDb db) {
        return Duration.ofSeconds(Long.parseLong(db.environment().get(Wiring.EMAIL_RESERVATION_GRACE_SECONDS)));
    }

    Answer call(HttpApiEvent event) {
        RequestStreamHandler handler = switch (event.routeKey()) {
            case "POST /users" -> create;
            case "GET /users/{id}" -> get;
            case "PATCH /users/{id}" -> update;
            case "DELETE /users/{id}" -> delete;
            case "GET /users/me" -> me;
            default -> throw new IllegalArgumentException("No handler for " + event.routeKey());
        };
        return event.sendTo(handler);
    }

    Answer create(String body) {
        return call(UserEvents.createUser().body(body));
    }

    Answer create(String email, String password) {
        return create(json("email", email, "password", password));
    }

    /** Registers a user that must be accepted; returns its id. */
    String register(String email, String password) {
        return create(email, password).idOf(201);
    }

    Answer get(String id) {
        return call(UserEvents.getUser(id));
    }

    Answer update(String id, String body) {
        return call(UserEvents.updateUser(id).body(body));
    }

    Answer delete(String id) {
        return call(UserEvents.deleteUser(id));
    }

    /** GET /users/me by {@code callerId}. */
    Answer me(String callerId) {
        return call(UserEvents.getCurrentUser(callerId));
    }
}
