package dev.shopfront.users;

import static dev.shopfront.devkit.testing.JsonBody.json;
import static dev.shopfront.devkit.testing.ProblemAssertions.assertProblem;
import static dev.shopfront.users.CreateUserHandlerTest.emailOfLength;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shopfront.devkit.testing.Answer;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every Users rule of the contract broken once on {@code POST /users}: the right problem, and nothing stored. */
class CreateUserValidationTest extends UsersTestBed {
    /** The address each bad request tries to register, where it has one; it must never be stored. */
    private static final String EMAIL = "victim@example.com";
    /** A body that is valid but for what each test changes around it. */
    private static final String VALID = json("email", EMAIL, "password", "correct horse");

    private int usersBefore;
    private int reservationsBefore;

    @BeforeEach
    void countStored() {
        usersBefore = stored.users().size();
        reservationsBefore = stored.reservations().size();
    }

    static Stream<Arguments> invalidFields() {
        return Stream.of(
                Arguments.of(
                        "email without @", json("email", "victim.example.com", "password", "correct horse"), "email"),
                Arguments.of(
                        "email domain without a dot",
                        json("email", "victim@example", "password", "correct horse"),
                        "email"),
                Arguments.of(
                        "email of 255 characters",
                        json("email", emailOfLength(255), "password", "correct horse"),
                        "email"),
                Arguments.of("blank email", json("email", "   ", "password", "correct horse"), "email"),
                Arguments.of("password of 7 characters", json("email", EMAIL, "password", "1234567"), "password"),
                Arguments.of(
                        "password of 129 characters", json("email", EMAIL, "password", "p".repeat(129)), "password"),
                Arguments.of(
                        "name of 101 characters",
                        json("email", EMAIL, "password", "correct horse", "name", "n".repeat(101)),
                        "name"),
                Arguments.of("blank name", json("email", EMAIL, "password", "correct horse", "name", "   "), "name"),
                Arguments.of("missing email", json("password", "correct horse"), "email"),
                Arguments.of("missing password", json("email", EMAIL), "password"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidFields")
    void create_returns400WithTheFailedField_andStoresNothing(String rule, String body, String field) {
        Answer answer = api.create(body);

        assertProblem(answer, 400, "validation-error", field);
        assertNothingStored();
    }

    @Test
    void create_returns400WithOneEntryPerFailedField() {
        Answer answer = api.create(json("email", "nope", "password", "short", "name", ""));

        JsonNode problem = assertProblem(answer, 400, "validation-error", "email", "name", "password");
        assertEquals("Validation failed", problem.get("title").asText());
        assertNothingStored();
    }

    static Stream<Arguments> wrongShapes() {
        return Stream.of(
                Arguments.of(
                        "unknown property",
                        "{\"email\":\"" + EMAIL + "\",\"password\":\"correct horse\",\"role\":\"admin\"}",
                        new String[] {"role"}),
                Arguments.of(
                        "email as a number", "{\"email\":42,\"password\":\"correct horse\"}", new String[] {"email"}),
                Arguments.of("null email", "{\"email\":null,\"password\":\"correct horse\"}", new String[] {"email"}),
                Arguments.of(
                        "null name",
                        "{\"email\":\"" + EMAIL + "\",\"password\":\"correct horse\",\"name\":null}",
                        new String[] {"name"}),
                Arguments.of(
                        "name as a boolean",
                        "{\"email\":\"" + EMAIL + "\",\"password\":\"correct horse\",\"name\":true}",
                        new String[] {"name"}),
                Arguments.of(
                        "password as an object",
                        "{\"email\":\"" + EMAIL + "\",\"password\":{\"value\":\"correct horse\"}}",
                        new String[] {"password"}),
                Arguments.of(
                        "a JSON array",
                        "[{\"email\":\"" + EMAIL + "\",\"password\":\"correct horse\"}]",
                        new String[0]),
                Arguments.of("a JSON string", "\"" + EMAIL + "\"", new String[0]),
                Arguments.of("JSON null", "null", new String[0]));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrongShapes")
    void create_returns400InvalidBody_whenBodyHasTheWrongShape(String rule, String body, String[] fields) {
        Answer answer = api.create(body);

        assertProblem(answer, 400, "invalid-body", fields);
        assertNothingStored();
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("truncated object", "{\"email\":\"" + EMAIL + "\",\"password\":"),
                Arguments.of("not JSON at all", "email=" + EMAIL + "&password=correct+horse"),
                Arguments.of("single quotes", "{'email':'" + EMAIL + "','password':'correct horse'}"),
                Arguments.of(
                        "duplicate key",
                        "{\"email\":\"other@example.com\",\"email\":\"" + EMAIL + "\",\"password\":\"correct horse\"}"),
                Arguments.of("trailing content", "{\"email\":\"" + EMAIL + "\",\"password\":\"correct horse\"} {}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void create_returns400MalformedJson(String rule, String body) {
        Answer answer = api.create(body);

        assertProblem(answer, 400, "malformed-json");
        assertNothingStored();
    }

    @ParameterizedTest(name = "content-type: {0}")
    @NullSource
    @ValueSource(strings = {"text/plain", "application/json-patch+json"})
    void create_returns415_whenBodyIsNotDeclaredAsApplicationJson(String contentType) {
        Answer answer = api.call(UserEvents.createUser().body(VALID).header("content-type", contentType));

        assertProblem(answer, 415, "unsupported-media-type");
        assertNothingStored();
    }

    @Test
    void create_returns413_whenBodyIsLargerThan64KiB() {
        // given: a body that would be valid but for its size (padding whitespace is legal JSON)
        String body = VALID.substring(0, VALID.length() - 1) + " ".repeat(64 * 1024) + "}";

        Answer answer = api.create(body);

        assertProblem(answer, 413, "payload-too-large");
        assertNothingStored();
    }

    @Test
    void create_returns413_whenBase64BodyDecodesToMoreThan64KiB() {
        byte[] body =
                (VALID.substring(0, VALID.length() - 1) + " ".repeat(64 * 1024) + "}").getBytes(StandardCharsets.UTF_8);

        Answer answer = api.call(UserEvents.createUser().base64Body(body));

        assertProblem(answer, 413, "payload-too-large");
        assertNothingStored();
    }

    @Test
    void create_acceptsBodyOfExactly64KiB() {
        String valid = "{\"email\":\"exactly64k@example.com\",\"password\":\"correct horse\"}";
        String body = valid.substring(0, valid.length() - 1) + " ".repeat(64 * 1024 - valid.length()) + "}";
        assertEquals(64 * 1024, body.getBytes(StandardCharsets.UTF_8).length);

        Answer answer = api.create(body);

        assertEquals(201, answer.status(), answer::toString);
    }

    @Test
    void create_returns400_whenBodyIsMissing() {
        Answer answer = api.call(UserEvents.createUser().body("").header("content-type", null));

        assertProblem(answer, 400, "invalid-body");
        assertNothingStored();
    }

    @Test
    void create_returns400_whenBase64BodyIsNotBase64() {
        Answer answer =
                api.call(UserEvents.createUser().body("%%% not base64 %%%").base64Flag());

        assertProblem(answer, 400, "malformed-json");
        assertNothingStored();
    }

    private void assertNothingStored() {
        assertEquals(usersBefore, stored.users().size(), "no user stored");
        assertEquals(reservationsBefore, stored.reservations().size(), "no reservation stored");
        assertFalse(stored.anyItemMentions(EMAIL), "nothing stored mentions " + EMAIL);
    }
}
