package dev.shopfront.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EnvironmentTest {
    @Test
    void require_returnsTheValueStripped() {
        assertEquals(
                "users-table",
                Environment.of(Map.of("USERS_TABLE", " users-table\n")).require("USERS_TABLE"));
    }

    @Test
    void require_failsNamingTheVariable_whenMissing() {
        IllegalStateException failure = assertThrows(
                IllegalStateException.class, () -> Environment.of(Map.of()).require("USERS_TABLE"));

        assertTrue(failure.getMessage().contains("USERS_TABLE"), failure.getMessage());
    }

    @Test
    void require_failsNamingTheVariable_whenBlank() {
        IllegalStateException failure = assertThrows(
                IllegalStateException.class,
                () -> Environment.of(Map.of("USERS_TABLE", "  ")).require("USERS_TABLE"));

        assertTrue(failure.getMessage().contains("USERS_TABLE"), failure.getMessage());
    }

    @Test
    void optional_isEmpty_whenMissingOrBlank() {
        Environment environment = Environment.of(Map.of("BLANK", " ", "SET", "x"));

        assertEquals(Optional.empty(), environment.optional("MISSING"));
        assertEquals(Optional.empty(), environment.optional("BLANK"));
        assertEquals(Optional.of("x"), environment.optional("SET"));
    }

    @Test
    void requirePositiveLong_parsesAWholeNumber() {
        assertEquals(60L, Environment.of(Map.of("GRACE", "60")).requirePositiveLong("GRACE"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"0", "-5", "sixty", "1.5", "99999999999999999999"})
    void requirePositiveLong_failsNamingTheVariable_whenNotAPositiveWholeNumber(String value) {
        IllegalStateException failure = assertThrows(
                IllegalStateException.class,
                () -> Environment.of(Map.of("GRACE", value)).requirePositiveLong("GRACE"));

        assertTrue(failure.getMessage().contains("GRACE"), failure.getMessage());
    }

    @Test
    void of_copiesTheVariables() {
        HashMap<String, String> variables = new HashMap<>(Map.of("A", "1"));
        Environment environment = Environment.of(variables);

        variables.put("A", "2");

        assertEquals("1", environment.require("A"));
    }
}
