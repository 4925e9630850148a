package dev.shopfront.config;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shopfront.devkit.LocalDynamoDb;
import java.net.URI;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Configuration is checked when the service is built (a function's init), never on the first request. */
class WiringTest {
    private static final Map<String, String> COMPLETE = Map.of(
            Wiring.USERS_TABLE, "Users",
            Wiring.EMAILS_TABLE, "Emails",
            Wiring.EMAIL_RESERVATION_GRACE_SECONDS, "60");

    /** Building the service makes no call, so the client needs no server behind it. */
    private static final DynamoDbClient CLIENT = LocalDynamoDb.client(URI.create("http://127.0.0.1:9"));

    @AfterAll
    static void closeClient() {
        CLIENT.close();
    }

    @Test
    void userService_isBuilt_whenConfigurationIsComplete() {
        assertNotNull(Wiring.userService(Environment.of(COMPLETE), CLIENT, Clock.systemUTC()));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {Wiring.USERS_TABLE, Wiring.EMAILS_TABLE, Wiring.EMAIL_RESERVATION_GRACE_SECONDS})
    void userService_failsNamingTheVariable_whenOneIsMissing(String variable) {
        Map<String, String> variables = new HashMap<>(COMPLETE);
        variables.remove(variable);

        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> Wiring.userService(Environment.of(variables), CLIENT, Clock.systemUTC()));

        assertTrue(failure.getMessage().contains(variable), failure.getMessage());
    }

    @Test
    void userService_failsNamingTheVariable_whenGracePeriodIsNotPositive() {
        Map<String, String> variables = new HashMap<>(COMPLETE);
        variables.put(Wiring.EMAIL_RESERVATION_GRACE_SECONDS, "0");

        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> Wiring.userService(Environment.of(variables), CLIENT, Clock.systemUTC()));

        assertTrue(failure.getMessage().contains(Wiring.EMAIL_RESERVATION_GRACE_SECONDS), failure.getMessage());
    }

    @Test
    void userCleanup_needsOnlyTheProductsAndEmailsTables() {
        // No users table, no grace period: the clean-up builds no user service.
        Map<String, String> variables = Map.of(Wiring.PRODUCTS_TABLE, "Products", Wiring.EMAILS_TABLE, "Emails");

        assertNotNull(Wiring.userCleanup(Environment.of(variables), CLIENT));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {Wiring.PRODUCTS_TABLE, Wiring.EMAILS_TABLE})
    void userCleanup_failsNamingTheVariable_whenOneIsMissing(String variable) {
        Map<String, String> variables = new HashMap<>(Map.of(Wiring.PRODUCTS_TABLE, "Products", Wiring.EMAILS_TABLE, "Emails"));
        variables.remove(variable);

        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> Wiring.userCleanup(Environment.of(variables), CLIENT));

        assertTrue(failure.getMessage().contains(variable), failure.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {Wiring.IMPORTS_TABLE, Wiring.PRODUCTS_TABLE})
    void productImporter_failsNamingTheVariable_whenATableIsMissing(String variable) {
        Map<String, String> variables = new HashMap<>(Map.of(Wiring.IMPORTS_TABLE, "Imports", Wiring.PRODUCTS_TABLE, "Products"));
        variables.remove(variable);

        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> Wiring.productImporter(Environment.of(variables), CLIENT, Clock.systemUTC()));

        assertTrue(failure.getMessage().contains(variable), failure.getMessage());
    }

    @Test
    void importProgress_needsOnlyTheImportsTable() {
        assertNotNull(Wiring.importProgress(Environment.of(Map.of(Wiring.IMPORTS_TABLE, "Imports")), CLIENT));
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> Wiring.importProgress(Environment.of(Map.of()), CLIENT));
        assertTrue(failure.getMessage().contains(Wiring.IMPORTS_TABLE), failure.getMessage());
    }
}
