package dev.shopfront.users;

import static dev.shopfront.devkit.testing.ProblemAssertions.assertProblem;
import static dev.shopfront.users.CreateUserHandlerTest.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.shopfront.devkit.testing.Answer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Text that is not Unicode (a lone surrogate, which JSON can spell as {@code \ud800}) is refused in
 * every field: stored, it would become {@code ?}, and two addresses would become one.
 */
class LoneSurrogateTest extends UsersTestBed {
    @Test
    void create_refusesBothAddressesThatWouldCollide_andStoresNothing() {
        String local = "x" + java.util.UUID.randomUUID().toString().substring(0, 8);

        Answer high = api.create("{\"email\":\"" + local + "\\ud800y@example.com\",\"password\":\"correct horse\"}");
        Answer otherHigh =
                api.create("{\"email\":\"" + local + "\\udbffy@example.com\",\"password\":\"correct horse\"}");

        assertProblem(high, 400, "validation-error", "email");
        assertProblem(otherHigh, 400, "validation-error", "email");
        assertFalse(stored.anyItemMentions(local), "a refused request stored something");
    }

    @ParameterizedTest(name = "POST /users {0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "email    | {\"email\":\"ada\\ud800@example.com\",\"password\":\"correct horse\"}",
                "password | {\"email\":\"ada@example.com\",\"password\":\"correct \\udfffhorse\"}",
                "name     | {\"email\":\"ada@example.com\",\"password\":\"correct horse\",\"name\":\"Ada \\ud83d\"}"
            })
    void create_answers400NamingTheField_whenItHoldsALoneSurrogate(String field, String body) {
        assertProblem(api.create(body), 400, "validation-error", field);
    }

    @ParameterizedTest(name = "PATCH /users {0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "email    | {\"email\":\"ada\\ud800@example.com\"}",
                "password | {\"password\":\"correct \\udfffhorse\"}",
                "name     | {\"name\":\"\\ude00 Ada\"}"
            })
    void update_answers400NamingTheField_whenItHoldsALoneSurrogate(String field, String body) {
        String email = unique("patch");
        String id = api.register(email, "correct horse");

        assertProblem(api.update(id, body), 400, "validation-error", field);
        assertEquals(email, api.get(id).json().get("email").asText());
    }

    @Test
    void create_takesANameOfSurrogatePairs() {
        Answer created = api.create("{\"email\":\"" + unique("pair")
                + "\",\"password\":\"correct horse\",\"name\":\"Ada \\ud83d\\ude00\"}");

        assertEquals(201, created.status(), created::toString);
        assertEquals("Ada \uD83D\uDE00", created.json().get("name").asText());
    }
}
