package dev.shopfront.users;

import static dev.shopfront.devkit.testing.FaultyClients.closedPort;
import static dev.shopfront.devkit.testing.JsonBody.json;
import static dev.shopfront.devkit.testing.ProblemAssertions.assertLeaksNothing;
import static dev.shopfront.devkit.testing.ProblemAssertions.assertProblem;
import static dev.shopfront.users.CreateUserHandlerTest.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shopfront.devkit.testing.Answer;
import dev.shopfront.devkit.testing.CapturedOutput;
import dev.shopfront.devkit.testing.InjectedFailure;
import dev.shopfront.devkit.testing.MutableClock;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

class GetUserHandlerTest extends UsersTestBed {
    /** The functions' log lines (standard output) during each test. */
    @RegisterExtension
    final CapturedOutput output = new CapturedOutput();

    @Test
    void get_returns200WithExactlyTheUser() throws Exception {
        // given
        String email = unique("lin");
        String id = api.create(json("email", email, "password", "correct horse", "name", "Lin"))
                .id();

        // when
        Answer answer = api.get(id);

        // then
        assertUserAsCreated(answer, id, email, "Lin");
    }

    @Test
    void get_findsTheUser_whenPathIdIsUpperCase() {
        String id = api.register(unique("upper"), "correct horse");

        Answer answer = api.get(id.toUpperCase());

        assertEquals(200, answer.status(), answer::toString);
        assertEquals(id, answer.id());
    }

    @Test
    void get_returns404_whenUserUnknown() {
        Answer answer = api.get(UUID.randomUUID().toString());

        assertProblem(answer, 404, "not-found");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "not-a-uuid",
                "12345",
                "6f1c2a3e-8d4b-4c5a-9e7f-0a1b2c3d4e5",
                "6f1c2a3e8d4b4c5a9e7f0a1b2c3d4e5f",
                "%20"
            })
    void get_returns404_whenPathIdIsNotAUuid(String id) {
        Answer answer = api.get(id);

        assertProblem(answer, 404, "not-found");
    }

    @Test
    void get_returns500NeverNotFound_whenDynamoDbIsUnreachable() throws Exception {
        // given: a user that exists, and a client pointed at a port nothing listens on
        String id = api.register(unique("outage"), "correct horse");
        try (DynamoDbClient unreachable =
                db.clientBuilder().endpointOverride(closedPort()).build()) {
            UsersApi cutOff = UsersApi.over(db, unreachable, MutableClock.at("2026-11-24T22:11:28.123Z"));

            // when
            Answer answer = cutOff.get(id);

            // then
            assertProblem(answer, 500, "internal-error");
            assertEquals(
                    "An unexpected error occurred. Quote the requestId when reporting it.",
                    answer.json().get("detail").asText());
            assertLeaksNothing(answer, db.table("UsersTable"), "127.0.0.1", "Connection refused", "DynamoDB");
            assertTrue(output.text().contains(answer.request().requestId()), "the log names the request id");
            assertTrue(output.text().contains("StorageException"), "the details go to the log");
        }
    }

    @Test
    void get_returns500NeverNotFound_whenEveryDynamoDbCallFails() {
        String id = api.register(unique("failing"), "correct horse");
        InjectedFailure outage = InjectedFailure.outage();
        try (DynamoDbClient failing = db.clientBuilder()
                .overrideConfiguration(o -> o.addExecutionInterceptor(outage))
                .build()) {
            Answer answer = UsersApi.over(db, failing, MutableClock.at("2026-11-24T22:11:28.123Z"))
                    .get(id);

            assertProblem(answer, 500, "internal-error");
            assertLeaksNothing(answer, db.table("UsersTable"), "injected", "Connection reset");
            assertTrue(outage.failures() > 0);
        }
    }
}
