package dev.shopfront.config;

import dev.shopfront.repository.dynamodb.DynamoDbClients;
import dev.shopfront.repository.dynamodb.DynamoDbEmailReservationRepository;
import dev.shopfront.repository.dynamodb.DynamoDbUserRepository;
import dev.shopfront.service.Argon2idPasswordHasher;
import dev.shopfront.service.EmailReservations;
import dev.shopfront.service.UserService;
import java.time.Clock;
import java.time.Duration;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Builds the services once per container (a Lambda execution environment). Each service is made
 * on first use, so a function reads only the configuration of the services it calls, and a
 * missing variable stops the function at init with the variable's name.
 */
public final class Wiring {
    public static final String USERS_TABLE = "USERS_TABLE";
    public static final String EMAILS_TABLE = "EMAILS_TABLE";
    public static final String EMAIL_RESERVATION_GRACE_SECONDS = "EMAIL_RESERVATION_GRACE_SECONDS";

    private Wiring() {
    }

    /** The container's user service. */
    public static UserService users() {
        return Users.SERVICE;
    }

    /** A user service for the given configuration and client: the container's, or a test's. */
    public static UserService userService(Environment environment, DynamoDbClient dynamoDb, Clock clock) {
        DynamoDbEnhancedClient enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(dynamoDb).build();
        DynamoDbUserRepository users = new DynamoDbUserRepository(enhanced, environment.require(USERS_TABLE));
        DynamoDbEmailReservationRepository reservations =
                new DynamoDbEmailReservationRepository(enhanced, environment.require(EMAILS_TABLE));
        Duration grace = Duration.ofSeconds(environment.requirePositiveLong(EMAIL_RESERVATION_GRACE_SECONDS));
        return new UserService(users, new EmailReservations(reservations, users, clock, grace),
                new Argon2idPasswordHasher(), clock);
    }

    /** Lazy holders: the JVM builds each once, on first use, thread-safely. */
    private static final class Container {
        static final Environment ENVIRONMENT = Environment.system();
        static final DynamoDbClient DYNAMODB = DynamoDbClients.create(ENVIRONMENT);
    }

    private static final class Users {
        static final UserService SERVICE = userService(Container.ENVIRONMENT, Container.DYNAMODB, Clock.systemUTC());
    }
}
