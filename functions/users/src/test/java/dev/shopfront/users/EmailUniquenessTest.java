package dev.shopfront.users;

import static dev.shopfront.devkit.testing.JsonBody.json;
import static dev.shopfront.devkit.testing.ProblemAssertions.assertProblem;
import static dev.shopfront.users.CreateUserHandlerTest.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shopfront.devkit.testing.Answer;
import dev.shopfront.devkit.testing.HttpApiEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The contract's rule of exactly one user per email, also under races, deletes and email changes. */
class EmailUniquenessTest extends UsersTestBed {
    @AfterEach
    void noTwoUsersShareAnEmail() {
        stored.assertNoTwoUsersShareAnEmail();
    }

    @Test
    void create_returns409_whenEmailTakenInAnotherCase() {
        // given
        String email = unique("taken");
        String firstId = api.register(email, "correct horse");

        // when
        Answer second = api.create(
                json("email", "  " + email.toUpperCase() + " ", "password", "another secret", "name", "Twin"));

        // then
        JsonNode problem = assertProblem(second, 409, "user-exists");
        assertEquals("User already exists", problem.get("title").asText());
        assertEquals("User already exists", problem.get("detail").asText());
        List<Map<String, AttributeValue>> users = stored.usersWithEmail(email);
        assertEquals(1, users.size());
        assertEquals(firstId, StoredItems.text(users.get(0), "id"));
        assertEquals(firstId, StoredItems.text(stored.reservation(email).orElseThrow(), "userId"));
    }

    @Test
    void create_returns409_forALetterWithTwoLowerCaseForms_inEitherForm() {
        // given: Σ lower-cases to σ, or to ς at the end of a word; ſ (long s) upper-cases to S
        String local = unique("sigma").replace("@example.com", "");
        String firstId = api.register(local + "ΣΑΣ@example.com", "correct horse");

        // when
        Answer medial = api.create(json("email", local + "σασ@example.com", "password", "another secret"));
        Answer fin = api.create(json("email", local + "σας@example.com", "password", "another secret"));
        String other = unique("sock");
        api.register(other, "correct horse");
        Answer longS = api.create(json("email", other.replaceFirst("s", "ſ"), "password", "another secret"));

        // then
        assertProblem(medial, 409, "user-exists");
        assertProblem(fin, 409, "user-exists");
        assertProblem(longS, 409, "user-exists");
        String folded = local + "σασ@example.com";
        assertEquals(firstId, StoredItems.text(stored.reservation(folded).orElseThrow(), "userId"));
        assertEquals(1, stored.usersWithEmail(folded).size());
    }

    @Test
    void create_letsExactlyOneOf32ConcurrentRequestsRegisterAnAddress() throws Exception {
        // given: 32 requests for one address, in different cases, held at a start gate
        String email = unique("race");
        int requests = 32;
        CountDownLatch ready = new CountDownLatch(requests);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Answer>> answers = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(requests);
        try {
            for (int i = 0; i < requests; i++) {
                String spelling = i % 2 == 0 ? email : email.toUpperCase();
                HttpApiEvent event = UserEvents.createUser().body(json("email", spelling, "password", "password " + i));
                answers.add(pool.submit(() -> {
                    ready.countDown();
                    start.await();
                    return api.call(event);
                }));
            }
            assertTrue(ready.await(10, TimeUnit.SECONDS), "all requests at the gate");

            // when
            start.countDown();
            List<Answer> done = new ArrayList<>();
            for (Future<Answer> answer : answers) {
                done.add(answer.get(30, TimeUnit.SECONDS));
            }

            // then
            List<Answer> created = done.stream().filter(a -> a.status() == 201).toList();
            List<Answer> refused = done.stream().filter(a -> a.status() == 409).toList();
            assertEquals(1, created.size(), () -> "exactly one 201: " + done);
            assertEquals(31, refused.size(), () -> "31 answers 409: " + done);
            refused.forEach(answer -> assertProblem(answer, 409, "user-exists"));
            String winner = created.get(0).id();
            List<Map<String, AttributeValue>> users = stored.usersWithEmail(email);
            assertEquals(1, users.size(), "one user stored");
            assertEquals(winner, StoredItems.text(users.get(0), "id"));
            assertEquals(
                    1,
                    stored.reservations().stream()
                            .filter(r -> email.equals(StoredItems.text(r, "email")))
                            .count(),
                    "one reservation stored");
            assertEquals(winner, StoredItems.text(stored.reservation(email).orElseThrow(), "userId"));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void update_letsExactlyOneOfManyUsersRacingForOneAddressHaveIt() throws Exception {
        // given: 16 users; an email-only PATCH hashes nothing, so their claims really meet
        String wanted = unique("prize");
        int racers = 16;
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            ids.add(api.register(unique("racer" + i), "correct horse"));
        }
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            List<Future<Answer>> answers = new ArrayList<>();
            for (String id : ids) {
                HttpApiEvent event = UserEvents.updateUser(id).body(json("email", wanted));
                answers.add(pool.submit(() -> {
                    start.await();
                    return api.call(event);
                }));
            }

            // when
            start.countDown();
            List<Answer> done = new ArrayList<>();
            for (Future<Answer> answer : answers) {
                done.add(answer.get(30, TimeUnit.SECONDS));
            }

            // then
            List<Answer> changed = done.stream().filter(a -> a.status() == 200).toList();
            assertEquals(1, changed.size(), () -> "exactly one 200: " + done);
            done.stream().filter(a -> a.status() != 200).forEach(answer -> assertProblem(answer, 409, "user-exists"));
            String winner = changed.get(0).id();
            assertEquals(1, stored.usersWithEmail(wanted).size());
            assertEquals(winner, StoredItems.text(stored.usersWithEmail(wanted).get(0), "id"));
            assertEquals(winner, StoredItems.text(stored.reservation(wanted).orElseThrow(), "userId"));
            assertEquals(
                    racers,
                    stored.reservations().stream()
                            .filter(r -> ids.contains(StoredItems.text(r, "userId")))
                            .count(),
                    "one reservation per racer, no leftovers");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void delete_freesTheAddressForANewUser() {
        // given
        String email = unique("reuse");
        String firstId = api.register(email, "correct horse");
        assertEquals(204, api.delete(firstId).status());

        // when
        Answer again = api.create(json("email", email.toUpperCase(), "password", "new owner pw"));

        // then
        assertEquals(201, again.status(), again::toString);
        assertEquals(again.id(), StoredItems.text(stored.reservation(email).orElseThrow(), "userId"));
        assertEquals(1, stored.usersWithEmail(email).size());
    }

    @Test
    void update_ofEmailFreesTheOldAddressAndTakesTheNewOne() {
        // given
        String oldEmail = unique("before");
        String newEmail = unique("after");
        String id = api.register(oldEmail, "correct horse");

        // when
        Answer changed = api.update(id, json("email", newEmail));

        // then
        assertEquals(200, changed.status(), changed::toString);
        assertTrue(stored.reservation(oldEmail).isEmpty(), "old address released");
        assertEquals(id, StoredItems.text(stored.reservation(newEmail).orElseThrow(), "userId"));
        assertProblem(api.create(newEmail, "someone else"), 409, "user-exists");
        Answer reuse = api.create(oldEmail, "someone else");
        assertEquals(201, reuse.status(), "the old address can be registered again: " + reuse);
    }

    @Test
    void update_returns409AndChangesNothing_whenNewEmailBelongsToAnotherUser() {
        // given
        String mine = unique("mine");
        String theirs = unique("theirs");
        String myId = api.create(json("email", mine, "password", "correct horse", "name", "Me"))
                .id();
        String theirId = api.register(theirs, "correct horse");
        Map<String, AttributeValue> before = stored.user(myId).orElseThrow();

        // when: also a name change, which must not land either
        Answer answer = api.update(myId, json("email", theirs.toUpperCase(), "name", "Not Me"));

        // then
        JsonNode problem = assertProblem(answer, 409, "user-exists");
        assertEquals("User already exists", problem.get("detail").asText());
        assertEquals(before, stored.user(myId).orElseThrow());
        assertEquals(myId, StoredItems.text(stored.reservation(mine).orElseThrow(), "userId"));
        assertEquals(theirId, StoredItems.text(stored.reservation(theirs).orElseThrow(), "userId"));
    }

    @Test
    void update_toTheSameEmailInAnotherCase_isNoChange() {
        String email = unique("same");
        String id = api.register(email, "correct horse");

        Answer answer = api.update(id, json("email", email.toUpperCase()));

        assertEquals(200, answer.status(), answer::toString);
        assertEquals(email, answer.json().get("email").asText());
        assertEquals(id, StoredItems.text(stored.reservation(email).orElseThrow(), "userId"));
    }
}
