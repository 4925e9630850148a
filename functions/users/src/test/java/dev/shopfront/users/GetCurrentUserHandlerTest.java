package dev.shopfront.users;

import static dev.shopfront.devkit.testing.JsonBody.json;
import static dev.shopfront.devkit.testing.ProblemAssertions.assertProblem;
import static dev.shopfront.users.CreateUserHandlerTest.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shopfront.devkit.testing.Answer;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class GetCurrentUserHandlerTest extends UsersTestBed {
    @Test
    void me_returns200WithExactlyTheCallersUser() throws Exception {
        // given: the caller, and another user who must not be the answer
        String email = unique("me");
        String id = api.create(json("email", email, "password", "correct horse", "name", "Grace"))
                .id();
        clock.advance(Duration.ofSeconds(1));
        api.register(unique("someone-else"), "correct horse");

        // when
        Answer answer = api.me(id);

        // then
        assertUserAsCreated(answer, id, email, "Grace");
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
        assertProblem(
                api.call(UserEvents.getCurrentUser(UUID.randomUUID().toString()).withoutCaller()), 401, "unauthorized");
    }
}
