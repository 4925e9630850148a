package dev.shopfront.users;

import static dev.shopfront.devkit.testing.JsonBody.json;
import static dev.shopfront.devkit.testing.ProblemAssertions.assertProblem;
import static dev.shopfront.users.CreateUserHandlerTest.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shopfront.devkit.testing.Answer;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class UpdateUserHandlerTest extends UsersTestBed {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void update_returns200AndChangesOnlyTheNameAndUpdatedAt() throws Exception {
        // given
        String email = unique("ada");
        String id = api.create(json("email", email, "password", "correct horse", "name", "Ada"))
                .id();
        String hashBefore = StoredItems.text(stored.user(id).orElseThrow(), "passwordHash");
        clock.advance(Duration.ofMillis(5_432));

        // when
        Answer answer = api.update(id, json("name", "Ada Lovelace"));

        // then
        assertEquals(200, answer.status(), answer::toString);
        assertEquals("application/json", answer.header("Content-Type"));
        JsonNode expected = JSON.readTree("""
            {"id": "%s", "email": "%s", "name": "Ada Lovelace",
             "createdAt": "2026-11-24T22:11:28.123Z", "updatedAt": "2026-11-24T22:11:33.555Z"}
            """.formatted(id, email));
        assertEquals(expected, answer.json());
        assertEquals(expected, api.get(id).json(), "GET shows the change");
        assertEquals(
                hashBefore,
                StoredItems.text(stored.user(id).orElseThrow(), "passwordHash"),
                "the password is untouched");
    }

    @Test
    void update_changesOnlyThePassword_whenOnlyPasswordGiven() throws Exception {
        String email = unique("pw");
        String id = api.create(json("email", email, "password", "correct horse", "name", "Pat"))
                .id();
        String hashBefore = StoredItems.text(stored.user(id).orElseThrow(), "passwordHash");
        clock.advance(Duration.ofSeconds(1));

        Answer answer = api.update(id, json("password", "battery staple"));

        assertEquals(200, answer.status(), answer::toString);
        assertEquals(JSON.readTree("""
            {"id": "%s", "email": "%s", "name": "Pat",
             "createdAt": "2026-11-24T22:11:28.123Z", "updatedAt": "2026-11-24T22:11:29.123Z"}
            """.formatted(id, email)), answer.json());
        assertNotEquals(hashBefore, StoredItems.text(stored.user(id).orElseThrow(), "passwordHash"));
    }

    @Test
    void update_changesTheEmail_normalized() {
        String id = api.register(unique("old"), "correct horse");
        String wanted = "New." + UUID.randomUUID().toString().substring(0, 8) + "@Example.com";

        Answer answer = api.update(id, json("email", "  " + wanted + " "));

        assertEquals(200, answer.status(), answer::toString);
        assertEquals(wanted.toLowerCase(), answer.json().get("email").asText());
        assertEquals(wanted.toLowerCase(), StoredItems.text(stored.user(id).orElseThrow(), "email"));
    }

    @Test
    void update_returns400AndChangesNothing_whenBodyIsEmptyObject() {
        String id = api.create(json("email", unique("empty"), "password", "correct horse", "name", "Em"))
                .id();
        Map<String, AttributeValue> before = stored.user(id).orElseThrow();

        Answer answer = api.update(id, "{}");

        // API.md: validation errors name their fields; the rule fails each of the fields it offers.
        JsonNode problem = assertProblem(answer, 400, "validation-error", "email", "password", "name");
        assertTrue(problem.get("detail").asText().contains("at least one"), answer::toString);
        assertEquals(before, stored.user(id).orElseThrow());
    }

    @Test
    void update_returns400AndChangesNothing_whenAFieldIsInvalid() {
        String email = unique("keep");
        String id = api.create(json("email", email, "password", "correct horse", "name", "Kim"))
                .id();
        Map<String, AttributeValue> before = stored.user(id).orElseThrow();

        Answer badEmail = api.update(id, json("email", "no-at-sign.example.com"));
        Answer blankName = api.update(id, json("name", "   "));
        Answer shortPassword = api.update(id, json("password", "1234567"));
        Answer unknown = api.update(id, json("role", "admin"));

        assertProblem(badEmail, 400, "validation-error", "email");
        assertProblem(blankName, 400, "validation-error", "name");
        assertProblem(shortPassword, 400, "validation-error", "password");
        assertProblem(unknown, 400, "invalid-body", "role");
        assertEquals(before, stored.user(id).orElseThrow());
        assertEquals(id, StoredItems.text(stored.reservation(email).orElseThrow(), "userId"));
    }

    @Test
    void update_returns404_whenPathIdIsNotAUuid() {
        Answer answer = api.update("not-a-uuid", json("name", "X"));

        assertProblem(answer, 404, "not-found");
    }

    @Test
    void update_returns404AndStoresNothing_whenUserUnknown() {
        String email = unique("ghost");
        int usersBefore = stored.users().size();

        Answer answer = api.update(UUID.randomUUID().toString(), json("email", email, "name", "Ghost"));

        assertProblem(answer, 404, "not-found");
        assertEquals(usersBefore, stored.users().size());
        assertTrue(stored.reservation(email).isEmpty(), "no reservation for a user that does not exist");
    }
}
