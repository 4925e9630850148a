package dev.shopfront.users;

import static dev.shopfront.devkit.testing.IdempotencyAssertions.assertCreatedOnce;
import static dev.shopfront.devkit.testing.InjectedFailure.Moment.AFTER_APPLIED;
import static dev.shopfront.devkit.testing.InjectedFailure.Moment.BEFORE_SENDING;
import static dev.shopfront.devkit.testing.JsonBody.json;
import static dev.shopfront.devkit.testing.ProblemAssertions.assertProblem;
import static dev.shopfront.users.CreateUserHandlerTest.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shopfront.devkit.testing.Answer;
import dev.shopfront.devkit.testing.InjectedFailure;
import dev.shopfront.devkit.testing.RecordingContext;
import dev.shopfront.devkit.testing.Simultaneous;
import dev.shopfront.service.Idempotency;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** POST /users with an Idempotency-Key (contract v2, idempotent creation; docs/idempotency.md). */
class IdempotentCreateUserTest extends UsersTestBed {
    private static final String KEY = "Idempotency-Key";
    private static final String PASSWORD = "correct horse";
    /** How long an attempt holds its key: the function's remaining time at its start, and a margin. */
    private static final Duration LEASE =
            Duration.ofMillis(new RecordingContext().getRemainingTimeInMillis()).plus(Idempotency.LEASE_MARGIN);

    private String email;
    private String body;
    private String key;

    @BeforeEach
    void newSignUp() {
        this.email = unique("once");
        this.body = json("email", email, "password", PASSWORD, "name", "Ada");
        this.key = "signup-" + UUID.randomUUID();
    }

    @AfterEach
    void noTwoUsersShareAnEmail() {
        stored.assertNoTwoUsersShareAnEmail();
    }

    @Test
    void create_repeatedWithTheSameKeyAndBody_registersOnce_andReplaysStatusLocationAndBody() {
        Answer first = create(api, key, body);
        Answer repeat = create(api, key, body);

        assertEquals(201, first.status(), first::toString);
        assertNull(first.header("Idempotent-Replayed"));
        assertEquals(201, repeat.status(), repeat::toString);
        assertEquals("true", repeat.header("Idempotent-Replayed"));
        assertEquals("/users/" + first.id(), repeat.header("Location"));
        assertEquals("application/json", repeat.header("Content-Type"));
        assertEquals(first.body(), repeat.body());
        assertEquals(1, stored.usersWithEmail(email).size());
    }

    @Test
    void create_withoutAKey_isRefusedAsADuplicate_asBefore() {
        assertEquals(201, api.create(body).status());

        assertProblem(api.create(body), 409, "user-exists");
    }

    @Test
    void create_answers422_whenTheKeyComesWithAnotherPasswordOrName() {
        Answer first = create(api, key, body);

        assertProblem(
                create(api, key, json("email", email, "password", "another password", "name", "Ada")),
                422,
                "idempotency-key-reused");
        assertProblem(
                create(api, key, json("email", email, "password", PASSWORD, "name", "Bea")),
                422,
                "idempotency-key-reused");
        assertEquals(201, first.status());
        assertEquals(1, stored.usersWithEmail(email).size());
    }

    @Test
    void create_keepsNoFastHashOfTheBody_onlyASaltedArgon2idOne() throws Exception {
        // The body holds a password: an unsalted SHA-256 of it at rest could be guessed at billions a second.
        create(api, key, body);
        String digest = HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(("application/json\n" + body).getBytes(StandardCharsets.UTF_8)));

        Map<String, AttributeValue> record = db.client()
                .getItem(r -> r.tableName(db.table("IdempotencyTable"))
                        .key(Map.of("id", AttributeValue.fromS("anonymous|POST /users|" + key)))
                        .consistentRead(true))
                .item();

        assertTrue(record.get("fingerprint").s().startsWith("$argon2id$"), record::toString);
        assertFalse(record.toString().contains(digest), "the plain digest is stored");
        assertFalse(record.toString().contains(PASSWORD), "the password is stored");
    }

    @Test
    void create_runsAnew_afterAnError_whenRetriedWithAFixedBody() {
        Answer refused = create(api, key, json("email", email, "password", "short"));
        assertProblem(refused, 400, "validation-error", "password");

        Answer fixed = create(api, key, body);

        assertEquals(201, fixed.status(), fixed::toString);
        assertNull(fixed.header("Idempotent-Replayed"));
    }

    @Test
    void create_runsAnew_afterA409EmailTaken_andIsStillRefused() {
        // given: the address belongs to someone who registered without a key
        assertEquals(
                201, api.create(json("email", email, "password", "another one")).status());

        // then: the refusal is not kept; each keyed retry asks again, and is refused again
        assertProblem(create(api, key, body), 409, "user-exists");
        assertProblem(create(api, key, body), 409, "user-exists");
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", "cl\u00e9", "line\nbreak", "\u001b[31m", "\u007f"})
    void create_answers400NamingTheHeader_whenTheKeyIsNotPrintableAscii(String malformed) {
        assertProblem(create(api, malformed, body), 400, "invalid-header", "Idempotency-Key");
        assertTrue(stored.usersWithEmail(email).isEmpty());
    }

    @Test
    void create_registersOnce_when16DuplicatesArriveAtOnce() throws Exception {
        List<Answer> answers = Simultaneous.calls(16, () -> create(api, key, body));

        assertCreatedOnce(answers);
        assertEquals(1, stored.usersWithEmail(email).size());
    }

    @Test
    void create_afterACrashBetweenTheRecordAndTheUser_answers409UntilTheLeaseEnds_thenRegistersExactlyOnce() {
        // given: the invocation dies as it is about to write the user (the address is already claimed)
        InjectedFailure crash = InjectedFailure.crashOnCall(1, "PutItem", stored.usersTable(), BEFORE_SENDING);
        assertThrows(
                InjectedFailure.Crash.class,
                () -> create(UsersApi.over(db, faulty.dynamoDb(db, crash), clock), key, body));
        assertTrue(stored.usersWithEmail(email).isEmpty());
        assertTrue(stored.reservation(email).isPresent());

        // then
        assertProblem(create(api, key, body), 409, "request-in-progress");
        clock.advance(LEASE.minusMillis(1));
        assertProblem(create(api, key, body), 409, "request-in-progress");
        clock.advance(Duration.ofMillis(1));
        Answer retried = create(api, key, body);
        assertEquals(201, retried.status(), retried::toString);
        assertEquals(1, stored.usersWithEmail(email).size());
        // the retry wrote under the first attempt's id, so the address's claim is its own
        assertEquals(retried.id(), StoredItems.text(stored.reservation(email).orElseThrow(), "userId"));
        assertEquals("true", create(api, key, body).header("Idempotent-Replayed"));
    }

    @Test
    void create_afterACrashOnceTheUserWasWritten_retriesIntoTheSameUser() {
        InjectedFailure crash = InjectedFailure.crashOnCall(1, "PutItem", stored.usersTable(), AFTER_APPLIED);
        assertThrows(
                InjectedFailure.Crash.class,
                () -> create(UsersApi.over(db, faulty.dynamoDb(db, crash), clock), key, body));
        String written = StoredItems.text(stored.usersWithEmail(email).get(0), "id");

        clock.advance(LEASE.plusMillis(1));
        Answer retried = create(api, key, body);

        assertEquals(201, retried.status(), retried::toString);
        assertEquals("/users/" + written, retried.header("Location"));
        assertEquals(1, stored.usersWithEmail(email).size());
    }

    @Test
    void create_afterA500WhoseWriteLanded_retriesAtOnceIntoTheSameUser() {
        InjectedFailure lost = InjectedFailure.onCall(1, "PutItem", stored.usersTable(), AFTER_APPLIED);
        assertProblem(create(UsersApi.over(db, faulty.dynamoDb(db, lost), clock), key, body), 500, "internal-error");
        String written = StoredItems.text(stored.usersWithEmail(email).get(0), "id");

        // Without the key, this retry would be 409 "User already exists" (EmailReservationCrashTest).
        Answer retried = create(api, key, body);

        assertEquals(201, retried.status(), retried::toString);
        assertEquals(written, retried.id());
        assertEquals(1, stored.usersWithEmail(email).size());
    }

    @Test
    void create_afterA500ThatWroteNoUser_retriesAtOnceAndRegisters() {
        InjectedFailure refused = InjectedFailure.onCall(1, "PutItem", stored.usersTable(), BEFORE_SENDING);
        assertProblem(create(UsersApi.over(db, faulty.dynamoDb(db, refused), clock), key, body), 500, "internal-error");

        // The address is still claimed for the first attempt's id, which the retry reuses.
        Answer retried = create(api, key, body);

        assertEquals(201, retried.status(), retried::toString);
        assertEquals(1, stored.usersWithEmail(email).size());
    }

    private static Answer create(UsersApi api, String key, String body) {
        return api.call(UserEvents.createUser().body(body).header(KEY, key));
    }
}
