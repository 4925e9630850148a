package dev.shopfront.users;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shopfront.devkit.testing.Answer;
import dev.shopfront.devkit.testing.DynamoDbTestBed;
import org.junit.jupiter.api.BeforeEach;

/** The set-up the /users handler tests share: on the class's tables, per test the handlers at the test's clock, and the tables as stored. */
abstract class UsersTestBed extends DynamoDbTestBed {
    private static final ObjectMapper JSON = new ObjectMapper();

    UsersApi api;
    StoredItems stored;

    @BeforeEach
    final void setUpUsers() {
        api = UsersApi.over(db, db.client(), clock);
        stored = new StoredItems(db);
    }

    /** {@code answer} is a 200 carrying exactly the user, as created at {@link #CREATED} and not changed since. */
    static void assertUserAsCreated(Answer answer, String id, String email, String name) throws Exception {
        assertEquals(200, answer.status(), answer::toString);
        assertEquals("application/json", answer.header("Content-Type"));
        assertEquals(JSON.readTree("""
            {"id": "%s", "email": "%s", "name": "%s", "createdAt": "%s", "updatedAt": "%s"}
            """.formatted(id, email, name, CREATED, CREATED)), answer.json());
    }
}
