package dev.shopfront.users;

import static dev.shopfront.devkit.testing.InjectedFailure.Moment.AFTER_APPLIED;
import static dev.shopfront.devkit.testing.InjectedFailure.Moment.APPLIED_THEN_RETRIED;
import static dev.shopfront.devkit.testing.InjectedFailure.Moment.BEFORE_SENDING;
import static dev.shopfront.devkit.testing.JsonBody.json;
import static dev.shopfront.devkit.testing.ProblemAssertions.assertLeaksNothing;
import static dev.shopfront.devkit.testing.ProblemAssertions.assertProblem;
import static dev.shopfront.users.CreateUserHandlerTest.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shopfront.devkit.testing.Answer;
import dev.shopfront.devkit.testing.CapturedOutput;
import dev.shopfront.devkit.testing.InjectedAction;
import dev.shopfront.devkit.testing.InjectedFailure;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The crash cases of the email reservation design (EmailReservations, UserService): a failure between
 * claiming an address and writing the user, or between deleting a user and releasing its address.
 * Whatever fails, two users never share an email, and an address nobody holds becomes free again
 * once the reservation's grace period has passed.
 */
class EmailReservationCrashTest extends UsersTestBed {
    /** The functions' log lines (standard output) during each test. */
    @RegisterExtension
    final CapturedOutput output = new CapturedOutput();

    // api: healthy handlers over the same tables and clock, for what happens after the failure.
    private Duration grace;

    @BeforeEach
    void readGracePeriod() {
        this.grace = UsersApi.gracePeriod(db);
    }

    @AfterEach
    void noTwoUsersShareAnEmail() {
        stored.assertNoTwoUsersShareAnEmail();
    }

    @Test
    void create_answers500AndHoldsTheAddressUntilTheGracePeriodEnds_whenTheUserWriteFails() {
        // given: the PutItem of the user fails before it reaches DynamoDB
        String email = unique("crash");
        InjectedFailure failure = InjectedFailure.onCall(1, "PutItem", stored.usersTable(), BEFORE_SENDING);

        // when
        Answer failed = apiFailing(failure).create(email, "correct horse");

        // then: a generic 500, no user, and a reservation naming a user that was never written
        assertEquals(1, failure.failures());
        assertGeneric500(failed);
        assertTrue(stored.usersWithEmail(email).isEmpty());
        assertTrue(stored.reservation(email).isPresent(), "the request could not know whether its write landed");

        // a fresh reservation may belong to a request still writing its user: the address is held
        assertProblem(api.create(email, "second try"), 409, "user-exists");
        clock.advance(grace.minusSeconds(1));
        assertProblem(api.create(email, "third try"), 409, "user-exists");

        // once the grace period has passed, the address is free
        clock.advance(Duration.ofSeconds(2));
        Answer later = api.create(email, "fourth try");
        assertEquals(201, later.status(), later::toString);
        assertEquals(later.id(), StoredItems.text(stored.reservation(email).orElseThrow(), "userId"));
    }

    @Test
    void create_neverLetsTwoUsersShareAnEmail_whenTheUserWriteLandsButItsAnswerIsLost() {
        // given: DynamoDB applies the PutItem of the user, but the answer never arrives
        String email = unique("lost");
        InjectedFailure failure = InjectedFailure.onCall(1, "PutItem", stored.usersTable(), AFTER_APPLIED);

        // when
        Answer failed = apiFailing(failure).create(email, "correct horse");

        // then
        assertEquals(1, failure.failures());
        assertGeneric500(failed);
        assertEquals(1, stored.usersWithEmail(email).size(), "the user was written");
        String writtenId = StoredItems.text(stored.usersWithEmail(email).get(0), "id");
        assertEquals(
                writtenId,
                StoredItems.text(stored.reservation(email).orElseThrow(), "userId"),
                "the reservation still names the user who has the address");

        assertProblem(api.create(email, "second try"), 409, "user-exists");
        clock.advance(grace.plusSeconds(1));
        assertProblem(api.create(email.toUpperCase(), "after the grace period"), 409, "user-exists");
        assertEquals(1, stored.usersWithEmail(email).size());
    }

    @Test
    void create_answers500AndFreesTheAddress_whenTheReservationGrewOldBeforeTheUserWrite() {
        // given: the request stalls right after its reservation, for more than half the grace period
        String email = unique("stalled");
        ExecutionInterceptor stall = InjectedAction.afterCall(
                "PutItem",
                stored.emailsTable(),
                () -> clock.advance(grace.dividedBy(2).plusSeconds(1)));
        DynamoDbClient client = faulty.dynamoDb(db, stall);

        // when
        Answer failed = UsersApi.over(db, client, clock).create(email, "correct horse");

        // then: the user is not written under the old claim, and the claim is given back at once
        assertGeneric500(failed);
        assertTrue(stored.usersWithEmail(email).isEmpty());
        assertTrue(stored.reservation(email).isEmpty(), "a write never attempted leaves nothing behind");
        assertEquals(201, api.create(email, "second try").status());
    }

    @Test
    void create_answers500AndStoresNothing_whenDynamoDbIsDown() {
        String email = unique("down");

        Answer failed = apiFailing(InjectedFailure.outage()).create(email, "correct horse");

        assertGeneric500(failed);
        assertTrue(stored.usersWithEmail(email).isEmpty());
        assertTrue(stored.reservation(email).isEmpty());
    }

    @Test
    void update_neverLetsTwoUsersShareAnEmail_whenTheEmailChangeLandsButItsAnswerIsLost() {
        // given
        String oldEmail = unique("was");
        String newEmail = unique("now");
        String id = api.register(oldEmail, "correct horse");
        InjectedFailure failure = InjectedFailure.onCall(1, "UpdateItem", stored.usersTable(), AFTER_APPLIED);

        // when
        Answer failed = apiFailing(failure).update(id, json("email", newEmail));

        // then: the change landed, and the new address stays the user's
        assertGeneric500(failed);
        assertEquals(newEmail, api.get(id).json().get("email").asText());
        assertProblem(api.create(newEmail, "someone else"), 409, "user-exists");
        assertEquals(id, StoredItems.text(stored.reservation(newEmail).orElseThrow(), "userId"));

        // the old address is held for the grace period, then free; the new one stays taken
        assertProblem(api.create(oldEmail, "someone else"), 409, "user-exists");
        clock.advance(grace.plusSeconds(1));
        assertEquals(201, api.create(oldEmail, "someone else").status());
        assertProblem(api.create(newEmail, "someone else"), 409, "user-exists");
    }

    @Test
    void update_keepsTheAddressTaken_whenAnIdenticalChangeOfTheSameUserLandsBetweenItsClaimAndItsWrite() {
        // given: two identical email changes of one user at once (found by a race probe): the second claims the new
        // address (taking over the first's claim, as its own user's), then the first writes the user
        String oldEmail = unique("before");
        String newEmail = unique("after");
        String id = api.register(oldEmail, "correct horse");
        AtomicReference<Answer> first = new AtomicReference<>();
        ExecutionInterceptor twinLandsFirst = InjectedAction.afterCall(
                "PutItem",
                stored.emailsTable(),
                () -> first.compareAndSet(null, api.update(id, json("email", newEmail))));

        // when: the second's write meets the changed user
        Answer second =
                UsersApi.over(db, faulty.dynamoDb(db, twinLandsFirst), clock).update(id, json("email", newEmail));

        // then: one change answered 200, the other 409, and the user keeps the new address, which nobody else gets
        assertEquals(200, first.get().status(), first.get()::toString);
        assertProblem(second, 409, "conflict");
        assertEquals(newEmail, api.get(id).json().get("email").asText());
        assertEquals(id, StoredItems.text(stored.reservation(newEmail).orElseThrow(), "userId"));
        assertProblem(api.create(newEmail, "someone else"), 409, "user-exists");
        clock.advance(grace.plusSeconds(1));
        assertProblem(api.create(newEmail, "someone else"), 409, "user-exists");
        assertEquals(201, api.create(oldEmail, "someone else").status());
    }

    @Test
    void update_answers500AndChangesNothing_whenTheEmailChangeFailsBeforeSending() {
        String oldEmail = unique("stay");
        String newEmail = unique("wish");
        String id = api.register(oldEmail, "correct horse");
        InjectedFailure failure = InjectedFailure.onCall(1, "UpdateItem", stored.usersTable(), BEFORE_SENDING);

        Answer failed = apiFailing(failure).update(id, json("email", newEmail));

        assertGeneric500(failed);
        assertEquals(oldEmail, api.get(id).json().get("email").asText());
        assertProblem(api.create(oldEmail, "someone else"), 409, "user-exists");
        assertProblem(api.create(newEmail, "someone else"), 409, "user-exists");
        clock.advance(grace.plusSeconds(1));
        assertProblem(api.create(oldEmail, "someone else"), 409, "user-exists");
        assertEquals(201, api.create(newEmail, "someone else").status(), "the unused claim expired");
    }

    @Test
    void update_answers200AndTheOldAddressIsFreeAfterTheGracePeriod_whenReleasingItFails() {
        String oldEmail = unique("left");
        String newEmail = unique("right");
        String id = api.register(oldEmail, "correct horse");
        InjectedFailure failure = InjectedFailure.onCall(1, "DeleteItem", stored.emailsTable(), BEFORE_SENDING);

        Answer changed = apiFailing(failure).update(id, json("email", newEmail));

        assertEquals(200, changed.status(), changed::toString);
        assertEquals(1, failure.failures());
        assertEquals(id, StoredItems.text(stored.reservation(oldEmail).orElseThrow(), "userId"), "left behind");
        clock.advance(grace.plusSeconds(1));
        assertEquals(201, api.create(oldEmail, "someone else").status());
    }

    @Test
    void delete_answers204AndTheAddressIsFreeAfterTheGracePeriod_whenReleasingItFails() {
        // given
        String email = unique("orphan");
        String id = api.register(email, "correct horse");
        InjectedFailure failure = InjectedFailure.onCall(1, "DeleteItem", stored.emailsTable(), BEFORE_SENDING);

        // when: the user is deleted, then releasing the reservation fails
        Answer deleted = apiFailing(failure).delete(id);

        // then
        assertEquals(204, deleted.status(), deleted::toString);
        assertEquals(1, failure.failures());
        assertProblem(api.get(id), 404, "not-found");
        assertEquals(id, StoredItems.text(stored.reservation(email).orElseThrow(), "userId"), "left behind");

        assertProblem(api.create(email, "too soon"), 409, "user-exists");
        clock.advance(grace.plusSeconds(1));
        Answer later = api.create(email, "after the grace period");
        assertEquals(201, later.status(), later::toString);
        assertEquals(later.id(), StoredItems.text(stored.reservation(email).orElseThrow(), "userId"));
    }

    @Test
    void delete_answers204_whenItsFirstAttemptDeletedTheUser_andTheSdksRetryFoundItGone() {
        // given: a stalled database: the delete is applied, its answer lost, and the SDK sends it again
        String email = unique("stalled");
        String id = api.register(email, "correct horse");
        InjectedFailure lost = InjectedFailure.onCall(1, "DeleteItem", stored.usersTable(), APPLIED_THEN_RETRIED);

        // when
        Answer deleted = apiFailing(lost).delete(id);

        // then: the delete this request made is reported as made, not as a user that was never there
        assertEquals(204, deleted.status(), deleted::toString);
        assertEquals(1, lost.failures());
        assertTrue(stored.usersWithEmail(email).isEmpty());
        assertProblem(api.delete(id), 404, "not-found");
    }

    @Test
    void update_answers200_whenItsFirstAttemptChangedTheEmail_andTheSdksRetryFoundItChanged() {
        // given: a stalled database: the email change is applied, its answer lost, and the SDK sends it again
        String email = unique("stalled");
        String id = api.register(email, "correct horse");
        String newEmail = unique("moved");
        InjectedFailure lost = InjectedFailure.onCall(1, "UpdateItem", stored.usersTable(), APPLIED_THEN_RETRIED);

        // when
        Answer changed = apiFailing(lost).update(id, json("email", newEmail));

        // then: the change this request made is reported as made, not as another request's
        assertEquals(200, changed.status(), changed::toString);
        assertEquals(newEmail, changed.json().get("email").asText());
        assertEquals(1, lost.failures());
        assertEquals(1, stored.usersWithEmail(newEmail).size());
    }

    @Test
    void delete_freesTheAddressAtOnce_whenReleasingFailsForAUserRegisteredLongAgo() {
        // given: the reservation is as old as the user, a day
        String email = unique("veteran");
        String id = api.register(email, "correct horse");
        clock.advance(Duration.ofDays(1));
        InjectedFailure failure = InjectedFailure.onCall(1, "DeleteItem", stored.emailsTable(), BEFORE_SENDING);

        // when
        assertEquals(204, apiFailing(failure).delete(id).status());

        // then: a stale reservation of a user who is gone counts for nobody
        assertEquals(201, api.create(email, "new owner pw").status());
    }

    private UsersApi apiFailing(ExecutionInterceptor failure) {
        return UsersApi.over(db, faulty.dynamoDb(db, failure), clock);
    }

    private void assertGeneric500(Answer answer) {
        assertProblem(answer, 500, "internal-error");
        assertEquals(
                "An unexpected error occurred. Quote the requestId when reporting it.",
                answer.json().get("detail").asText());
        assertLeaksNothing(
                answer,
                stored.usersTable(),
                stored.emailsTable(),
                "injected",
                "Connection reset",
                "timed out",
                "DynamoDB",
                "reservation");
        assertTrue(output.text().contains(answer.request().requestId()), "the log names the request id");
    }
}
