package dev.shopfront.users;

import static dev.shopfront.devkit.testing.JsonBody.json;
import static dev.shopfront.devkit.testing.ProblemAssertions.assertProblem;
import static dev.shopfront.users.CreateUserHandlerTest.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shopfront.devkit.testing.Answer;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class GetCurrentUserHandlerTest extends UsersTestBed {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void me_returns200WithExactlyTheCallersUser() throws Exception {
        // given: the caller, and another user who must not be the answer
        String email = unique("me");
        String id = api.create(json("email", email, "password", "correct horse", "name", "Grace")).id();
        clock.advance(Duration.ofSeconds(1));
        api.register(unique("someone-else"), "correct horse");

        // when
        Answer answer = api.me(id);

        // then
        assertEquals(200, answer.status(), answer::toString);
        assertEquals("application/json", answer.header("Content-Type"));
        assertEquals(JSON.readTree("""
                {"id": "%s", "email": "%s", "name": "Grace",
                 "createdAt": "2026-11-24T22:11:28.123Z", "updatedAt": "2026-11-24T22:11:28.123Z"}
                """.formatted(id, email)), answer.json());
    }

    @Test
    void me_returns401_onceTheCallerIsDeleted_evenThoughTheAuthorizerLetItThrough() {
        // given: a user whose token the authorizer's cache still accepts after the user is gone
        String id = api.register(unique("gone"), "correct horse");
        assertEquals(200, api.me(id).status());
        assertEquals(204, api.delete(id).status());

        // when
        Answer answer = api.me(id);

        // then
        assertProblem(answer, 401, "unauthorized");
    }

    @Test
    void me_returns401_forACallerThatNeverExisted() {
        assertProblem(api.me(UUID.randomUUID().toString()), 401, "unauthorized");
    }

    @Test
    void me_returns401_withoutTheAuthorizersCaller() {
        assertProblem(api.call(UserEvents.getCurrentUser(UUID.randomUUID().toString()).withoutCaller()), 401, "unauthorized");
    }
}
