package dev.shopfront.config;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shopfront.devkit.LocalDynamoDb;
import java.net.URI;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
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
        assertFailsNaming(
                variable,
                without(COMPLETE, variable),
                environment -> Wiring.userService(environment, CLIENT, Clock.systemUTC()));
    }

    @Test
    void userService_failsNamingTheVariable_whenGracePeriodIsNotPositive() {
        Map<String, String> variables = new HashMap<>(COMPLETE);
        variables.put(Wiring.EMAIL_RESERVATION_GRACE_SECONDS, "0");

        assertFailsNaming(
                Wiring.EMAIL_RESERVATION_GRACE_SECONDS,
                variables,
                environment -> Wiring.userService(environment, CLIENT, Clock.systemUTC()));
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
        Map<String, String> complete = Map.of(Wiring.PRODUCTS_TABLE, "Products", Wiring.EMAILS_TABLE, "Emails");

        assertFailsNaming(
                variable, without(complete, variable), environment -> Wiring.userCleanup(environment, CLIENT));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {Wiring.IMPORTS_TABLE, Wiring.PRODUCTS_TABLE})
    void productImporter_failsNamingTheVariable_whenATableIsMissing(String variable) {
        Map<String, String> complete = Map.of(Wiring.IMPORTS_TABLE, "Imports", Wiring.PRODUCTS_TABLE, "Products");

        assertFailsNaming(
                variable,
                without(complete, variable),
                environment -> Wiring.productImporter(environment, CLIENT, Clock.systemUTC()));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {Wiring.IMPORTS_TABLE, Wiring.USERS_TABLE})
    void importProgress_needsTheImportsAndUsersTables_andFailsNamingTheOneMissing(String variable) {
        Map<String, String> complete = Map.of(Wiring.IMPORTS_TABLE, "Imports", Wiring.USERS_TABLE, "Users");

        assertNotNull(Wiring.importProgress(Environment.of(complete), CLIENT));
        assertFailsNaming(
                variable, without(complete, variable), environment -> Wiring.importProgress(environment, CLIENT));
    }

    /** Building from {@code variables} fails as a function's init would, naming {@code variable}. */
    private static void assertFailsNaming(
            String variable, Map<String, String> variables, Function<Environment, ?> build) {
        IllegalStateException failure =
                assertThrows(IllegalStateException.class, () -> build.apply(Environment.of(variables)));
        assertTrue(failure.getMessage().contains(variable), failure.getMessage());
    }

    private static Map<String, String> without(Map<String, String> variables, String variable) {
        Map<String, String> fewer = new HashMap<>(variables);
        fewer.remove(variable);
        return fewer;
    }
}
