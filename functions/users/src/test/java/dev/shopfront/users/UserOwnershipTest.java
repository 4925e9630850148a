package dev.shopfront.users;

import static dev.shopfront.devkit.testing.JsonBody.json;
import static dev.shopfront.devkit.testing.ProblemAssertions.assertLeaksNothing;
import static dev.shopfront.devkit.testing.ProblemAssertions.assertProblem;
import static dev.shopfront.users.CreateUserHandlerTest.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shopfront.devkit.junit.TestDynamoDb;
import dev.shopfront.devkit.testing.Answer;
import dev.shopfront.devkit.testing.MutableClock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Users act on their own account only: another user's id is 403, no caller at all is 401, and neither changes anything. */
class UserOwnershipTest extends UsersTestBed {
    /** Registered once for the class: registering costs a password hash. */
    private static String callerId;

    private static String ownerId;
    private static String ownerEmail;

    @BeforeAll
    static void registerTwoUsers(TestDynamoDb db) {
        UsersApi api = UsersApi.over(db, db.client(), MutableClock.at(CREATED));
        callerId = api.register(unique("mallory"), "correct horse");
        ownerEmail = unique("alice");
        ownerId = api.register(ownerEmail, "correct horse");
    }

    @Test
    void get_returns403WithoutTheUser_forAnotherUsersId() {
        Answer answer = api.call(UserEvents.getUser(ownerId).asCaller(callerId));

        assertProblem(answer, 403, "forbidden");
        assertLeaksNothing(answer, ownerEmail);
    }

    @Test
    void update_returns403AndChangesNothing_forAnotherUsersId() {
        // given
        Map<String, AttributeValue> before = stored.user(ownerId).orElseThrow();
        String wanted = unique("taken-over");

        // when
        Answer answer = api.call(UserEvents.updateUser(ownerId)
                .body(json("email", wanted, "password", "mallory's now", "name", "Mallory"))
                .asCaller(callerId));

        // then
        assertProblem(answer, 403, "forbidden");
        assertLeaksNothing(answer, ownerEmail);
        assertEquals(before, stored.user(ownerId).orElseThrow());
        assertTrue(stored.reservation(wanted).isEmpty(), "the new address was not claimed");
        assertEquals(ownerId, StoredItems.text(stored.reservation(ownerEmail).orElseThrow(), "userId"));
    }

    @Test
    void delete_returns403AndDeletesNothing_forAnotherUsersId() {
        Map<String, AttributeValue> before = stored.user(ownerId).orElseThrow();

        Answer answer = api.call(UserEvents.deleteUser(ownerId).asCaller(callerId));

        assertProblem(answer, 403, "forbidden");
        assertEquals(before, stored.user(ownerId).orElseThrow());
        assertEquals(ownerId, StoredItems.text(stored.reservation(ownerEmail).orElseThrow(), "userId"));
        assertEquals(200, api.get(ownerId).status(), "the owner still has its account");
    }

    @Test
    void everyRoute_returns403NotFound_forAnIdOfNoUser_soExistenceDoesNotShow() {
        String nobody = UUID.randomUUID().toString();

        assertProblem(api.call(UserEvents.getUser(nobody).asCaller(callerId)), 403, "forbidden");
        assertProblem(
                api.call(UserEvents.updateUser(nobody).body(json("name", "X")).asCaller(callerId)), 403, "forbidden");
        assertProblem(api.call(UserEvents.deleteUser(nobody).asCaller(callerId)), 403, "forbidden");
    }

    @Test
    void everyRoute_returns401AndChangesNothing_withoutTheAuthorizersCaller() {
        // given
        List<Map<String, AttributeValue>> usersBefore = stored.users();

        // when
        List<Answer> answers = List.of(
                api.call(UserEvents.getUser(ownerId).withoutCaller()),
                api.call(UserEvents.updateUser(ownerId)
                        .body(json("name", "Nobody"))
                        .withoutCaller()),
                api.call(UserEvents.deleteUser(ownerId).withoutCaller()),
                api.call(UserEvents.getCurrentUser(ownerId).withoutCaller()));

        // then
        for (Answer answer : answers) {
            assertProblem(answer, 401, "unauthorized");
            assertLeaksNothing(answer, ownerEmail);
        }
        assertEquals(usersBefore.size(), stored.users().size());
        assertEquals(
                stored.user(ownerId),
                usersBefore.stream()
                        .filter(u -> ownerId.equals(StoredItems.text(u, "id")))
                        .findFirst());
    }
}
