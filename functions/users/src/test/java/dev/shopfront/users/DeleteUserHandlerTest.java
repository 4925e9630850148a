package dev.shopfront.users;

import static dev.shopfront.devkit.testing.ProblemAssertions.assertProblem;
import static dev.shopfront.users.CreateUserHandlerTest.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shopfront.devkit.testing.Answer;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DeleteUserHandlerTest extends UsersTestBed {
    @Test
    void delete_returns204ThenGetReturns404() {
        // given
        String email = unique("gone");
        String id = api.register(email, "correct horse");

        // when
        Answer deleted = api.delete(id);

        // then
        assertEquals(204, deleted.status(), deleted::toString);
        assertNull(deleted.body(), "204 has no body");
        assertNull(deleted.header("Content-Type"), "no body, no Content-Type");
        assertProblem(api.get(id), 404, "not-found");
        assertTrue(stored.user(id).isEmpty());
        assertTrue(stored.reservation(email).isEmpty(), "the address is released");
    }

    @Test
    void delete_returns404_theSecondTime() {
        String id = api.register(unique("twice"), "correct horse");
        assertEquals(204, api.delete(id).status());

        Answer again = api.delete(id);

        assertProblem(again, 404, "not-found");
    }

    @Test
    void delete_returns404_whenUserUnknown() {
        int usersBefore = stored.users().size();

        Answer answer = api.delete(UUID.randomUUID().toString());

        assertProblem(answer, 404, "not-found");
        assertEquals(usersBefore, stored.users().size());
    }

    @Test
    void delete_returns404_whenPathIdIsNotAUuid() {
        assertProblem(api.delete("../users"), 404, "not-found");
    }

    @Test
    void delete_leavesOtherUsersAlone() {
        String kept = api.register(unique("kept"), "correct horse");
        String removed = api.register(unique("removed"), "correct horse");

        assertEquals(204, api.delete(removed).status());

        assertEquals(200, api.get(kept).status());
    }
}
