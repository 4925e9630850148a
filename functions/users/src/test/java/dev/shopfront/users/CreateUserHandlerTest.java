package dev.shopfront.users;

import static dev.shopfront.devkit.testing.JsonBody.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shopfront.devkit.testing.Answer;
import dev.shopfront.devkit.testing.HttpApiEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class CreateUserHandlerTest extends UsersTestBed {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void create_returns201WithLocationAndExactlyTheUser() throws Exception {
        // given
        String email = unique("ada");

        // when
        Answer answer = api.create(json("email", email, "password", "correct horse", "name", "Ada"));

        // then
        assertEquals(201, answer.status(), answer::toString);
        assertEquals("application/json", answer.header("Content-Type"));
        String id = answer.id();
        assertEquals(id, UUID.fromString(id).toString(), "id is a lower-case UUID");
        assertEquals("/users/" + id, answer.header("Location"));
        assertEquals(JSON.readTree("""
            {"id": "%s", "email": "%s", "name": "Ada",
             "createdAt": "2026-11-24T22:11:28.123Z", "updatedAt": "2026-11-24T22:11:28.123Z"}
            """.formatted(id, email)), answer.json());
        assertFalse(answer.body().contains("correct horse"), answer::toString);
        assertFalse(answer.body().toLowerCase().contains("password"), answer::toString);
        assertFalse(answer.body().contains("argon2"), answer::toString);
    }

    @Test
    void create_storesTheUserAndAReservationNamingIt() {
        String email = unique("grace");

        String id = api.register(email, "correct horse");

        Map<String, AttributeValue> user = stored.user(id).orElseThrow();
        assertEquals(email, StoredItems.text(user, "email"));
        assertEquals(CREATED, StoredItems.text(user, "createdAt"));
        Map<String, AttributeValue> reservation = stored.reservation(email).orElseThrow();
        assertEquals(id, StoredItems.text(reservation, "userId"));
    }

    @Test
    void create_answersNameNull_whenNameAbsent() {
        String email = unique("nameless");

        Answer answer = api.create(email, "correct horse");

        assertEquals(201, answer.status(), answer::toString);
        JsonNode user = answer.json();
        assertTrue(user.has("name"), "name is present, as null");
        assertTrue(user.get("name").isNull(), answer::toString);
        assertEquals(List.of("id", "email", "name", "createdAt", "updatedAt"), fieldNames(user));
    }

    @Test
    void create_trimsAndLowerCasesTheEmail() {
        String local = "Ada.Mixed" + UUID.randomUUID().toString().substring(0, 8);

        Answer answer = api.create(json("email", "  " + local + "@Example.COM \t", "password", "correct horse"));

        assertEquals(201, answer.status(), answer::toString);
        String normalized = local.toLowerCase() + "@example.com";
        assertEquals(normalized, answer.json().get("email").asText());
        assertEquals(1, stored.usersWithEmail(normalized).size());
        assertTrue(stored.reservation(normalized).isPresent());
    }

    @Test
    void create_trimsTheName() {
        Answer answer =
                api.create(json("email", unique("trim"), "password", "correct horse", "name", "  Ada Lovelace  "));

        assertEquals(201, answer.status(), answer::toString);
        assertEquals("Ada Lovelace", answer.json().get("name").asText());
    }

    @Test
    void create_acceptsContentTypeWithCharsetParameter() {
        HttpApiEvent event = UserEvents.createUser()
                .body(json("email", unique("charset"), "password", "correct horse"))
                .header("content-type", "application/json; charset=utf-8");

        Answer answer = api.call(event);

        assertEquals(201, answer.status(), answer::toString);
    }

    @Test
    void create_readsBase64EncodedBody() {
        String email = unique("base64");
        byte[] body =
                json("email", email, "password", "pässwörd ✓", "name", "Zoë").getBytes(StandardCharsets.UTF_8);

        Answer answer = api.call(UserEvents.createUser().base64Body(body));

        assertEquals(201, answer.status(), answer::toString);
        assertEquals(email, answer.json().get("email").asText());
        assertEquals("Zoë", answer.json().get("name").asText());
    }

    @Test
    void create_acceptsFieldsAtTheirLimits() {
        // given: a 254-character address, an 8- and a 128-character password, a 100-character name
        String email = emailOfLength(254);
        String name = "n".repeat(100);

        Answer longest = api.create(json("email", email, "password", "p".repeat(128), "name", name));
        Answer shortest = api.create(json("email", unique("short"), "password", "p".repeat(8), "name", "A"));

        assertEquals(201, longest.status(), longest::toString);
        assertEquals(email, longest.json().get("email").asText());
        assertEquals(name, longest.json().get("name").asText());
        assertEquals(201, shortest.status(), shortest::toString);
    }

    @Test
    void create_answersWithoutAnyPasswordOrHash_evenWhenNameIsAbsent() {
        Answer answer = api.create(unique("hashless"), "s3cret-passphrase");

        assertEquals(201, answer.status(), answer::toString);
        assertFalse(answer.body().contains("s3cret-passphrase"));
        assertNull(answer.json().get("password"));
        assertNull(answer.json().get("passwordHash"));
    }

    /** An address unique to this test, so tests of one class never see each other's users. */
    static String unique(String local) {
        return local + "." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    /** A valid address of exactly {@code length} characters (labels at most 63, as DNS allows). */
    static String emailOfLength(int length) {
        String tail = "@" + "d".repeat(63) + "." + "e".repeat(63) + "." + "f".repeat(63) + ".example.com";
        return "u".repeat(length - tail.length()) + tail;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
