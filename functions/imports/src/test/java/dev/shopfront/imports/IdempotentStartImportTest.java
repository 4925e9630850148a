package dev.shopfront.imports;

import static dev.shopfront.devkit.testing.ProblemAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.shopfront.devkit.testing.Answer;
import dev.shopfront.service.ImportQueue;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** POST /products/imports with an Idempotency-Key (contract v2, idempotent creation; docs/idempotency.md). */
class IdempotentStartImportTest extends ImportsTestBed {
    private String key;

    @BeforeEach
    void setUp() {
        // The tests count the owner's imports: an owner of this test's own.
        this.owner = ImportsApi.registerUser(db, "idempotent");
        this.key = "import-" + UUID.randomUUID();
    }

    @Test
    void start_repeatedWithTheSameKeyAndBody_recordsAndQueuesOnce_andReplaysTheFirstAnswer() {
        String body = Items.body(45, Items.THREE_INVALID);

        Answer first = start(api, key, body);
        Answer repeat = start(api, key, body);

        assertEquals(202, first.status(), first::toString);
        assertEquals(202, repeat.status(), repeat::toString);
        assertEquals("true", repeat.header("Idempotent-Replayed"));
        assertNull(first.header("Idempotent-Replayed"));
        assertEquals(first.header("Location"), repeat.header("Location"));
        assertEquals(first.json(), repeat.json());
        assertEquals(1, stored.importsOf(owner).size());
        queue.drain(api.consumer());
        assertEquals(42, stored.productsOf(owner).size());
    }

    @Test
    void start_repeatedAfterTheCallersUserWasDeleted_answers401_notTheFirstAnswer() {
        // given: a start, then its owner deleted, whose token the authorizer's cache still lets through
        String body = Items.body(3, Map.of());
        Answer first = start(api, key, body);
        ImportsApi.deleteUser(db, owner);

        // when
        Answer repeat = start(api, key, body);

        // then: "a token of a deleted user no longer works", replay or not
        assertEquals(202, first.status(), first::toString);
        assertProblem(repeat, 401, "unauthorized");
        assertNull(repeat.header("Idempotent-Replayed"));
    }

    @Test
    void start_answers422AndRecordsNothingNew_whenTheKeyComesWithAnotherBody() {
        assertEquals(202, start(api, key, Items.body(3, Map.of())).status());

        Answer other = start(api, key, Items.body(4, Map.of()));

        assertProblem(other, 422, "idempotency-key-reused");
        assertEquals(1, stored.importsOf(owner).size());
    }

    @Test
    void start_retriedAfterACrashBetweenTheRecordAndTheQueue_queuesTheItemsUnderTheSameImport_andCreatesEachOnce() {
        // given: the first attempt stores its import record, then stops before anything is sent
        String body = Items.body(45, Items.THREE_INVALID);
        ImportQueue crashing = (importId, ownerId, entries) -> {
            throw new IllegalStateException("the function stopped here");
        };
        int heldBefore = queue.held();
        Answer crashed = start(ImportsApi.over(db, db.client(), crashing, Clock.systemUTC()), key, body);
        assertEquals(500, crashed.status(), crashed::toString);
        assertEquals(1, stored.importsOf(owner).size());
        assertEquals(heldBefore, queue.held(), "nothing was sent");

        // when: the client retries with the same key
        Answer retried = start(api, key, body);

        // then: the same import, its items queued now, each created once
        assertEquals(202, retried.status(), retried::toString);
        assertEquals(stored.importsOf(owner).getFirst().get("id").s(), retried.id());
        queue.drain(api.consumer());
        Answer done = api.get(owner, retried.id());
        assertEquals("done", done.json().path("status").asText(), done::toString);
        assertEquals(42, done.json().path("created").asInt());
        assertEquals(3, done.json().path("failed").asInt());
        assertEquals(42, stored.productsOf(owner).size());
        assertEquals(1, stored.importsOf(owner).size());
    }

    private Answer start(ImportsApi through, String idempotencyKey, String body) {
        return through.call(ImportEvents.startImport(owner)
                .header("idempotency-key", idempotencyKey)
                .body(body));
    }
}
