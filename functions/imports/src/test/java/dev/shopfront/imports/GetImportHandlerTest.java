package dev.shopfront.imports;

import static dev.shopfront.devkit.testing.ProblemAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shopfront.devkit.junit.DynamoDbExtension;
import dev.shopfront.devkit.junit.TestDynamoDb;
import dev.shopfront.devkit.testing.Answer;
import dev.shopfront.devkit.testing.MutableClock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code GET /products/imports/{id}}: the owner's view of an import; nobody else's. */
@ExtendWith(DynamoDbExtension.class)
class GetImportHandlerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STARTED = "2026-11-24T22:11:28.123Z";

    private static String owner;
    private static String stranger;
    private static String importId;
    private static ImportsApi api;

    @BeforeAll
    static void importOnce(TestDynamoDb db) {
        owner = ImportsApi.registerUser(db, "owner");
        stranger = ImportsApi.registerUser(db, "stranger");
        MutableClock clock = MutableClock.at(STARTED);
        api = ImportsApi.over(db, db.client(), ImportsApi.importQueue(db), clock);
        importId = api.started(owner, Items.body(4, Map.of(2, "{\"name\":\"No price\",\"currency\":\"EUR\"}")));
        clock.advance(Duration.ofMillis(250));
        QueueDeliveries.importQueue(db).drain(api.consumer());
    }

    @Test
    void get_answers200WithTheImport_forItsOwner() throws Exception {
        Answer answer = api.get(owner, importId);

        assertEquals(200, answer.status(), answer::toString);
        assertEquals("application/json", answer.header("Content-Type"));
        assertEquals(StartImportHandlerTest.IMPORT_OUT_KEYS, StartImportHandlerTest.keys(answer.json()));
        assertEquals(JSON.readTree("""
            {"id": "%s", "ownerId": "%s", "status": "done", "total": 4, "created": 3, "failed": 1,
             "errors": [{"index": 2, "field": "price", "message": "is required"}],
             "createdAt": "2026-11-24T22:11:28.123Z", "updatedAt": "2026-11-24T22:11:28.373Z"}
            """.formatted(importId, owner)), answer.json());
    }

    @Test
    void get_answers403_forAnotherUsersImport() {
        JsonNode problem = assertProblem(api.get(stranger, importId), 403, "forbidden");

        assertEquals(
                "Only the import's owner may read it", problem.get("detail").asText());
    }

    @Test
    void get_answers404_forAnIdNoImportHas() {
        assertProblem(api.get(owner, UUID.randomUUID().toString()), 404, "not-found");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {"not-a-uuid", "12345", "3f6c2a1e-5b7d-4e8f-9a0b-1c2d3e4f5a6", "3f6c2a1e5b7d4e8f9a0b1c2d3e4f5a6b"
            })
    void get_answers404_whenThePathIdIsNotAUuid(String id) {
        assertProblem(api.get(owner, id), 404, "not-found");
    }

    @Test
    void get_acceptsTheIdInUpperCase() {
        assertEquals(200, api.get(owner, importId.toUpperCase()).status());
    }

    @Test
    void get_answers401_withoutACaller() {
        assertProblem(api.call(ImportEvents.getImport(importId, owner).withoutCaller()), 401, "unauthorized");
    }

    @Test
    void get_answers401_withTheTokenOfADeletedUser_evenForTheirOwnImport(TestDynamoDb db) {
        String leaving = ImportsApi.registerUser(db, "leaving");
        String theirImport = api.started(leaving, Items.body(1, Map.of()));
        assertEquals(200, api.get(leaving, theirImport).status());

        ImportsApi.deleteUser(db, leaving);

        JsonNode problem = assertProblem(api.get(leaving, theirImport), 401, "unauthorized");
        assertEquals("The token's user no longer exists", problem.get("detail").asText());
    }

    @Test
    void get_ofTheSampleEvent_answers401_forItsCallerIsNotStored() {
        assertProblem(api.call(dev.shopfront.devkit.testing.HttpApiEvent.load("get-import.json")), 401, "unauthorized");
    }
}
