package dev.shopfront.users;

import dev.shopfront.devkit.testing.DynamoDbTestBed;
import org.junit.jupiter.api.BeforeEach;

/** The set-up the /users handler tests share: on the class's tables, per test the handlers at the test's clock, and the tables as stored. */
abstract class UsersTestBed extends DynamoDbTestBed {
    UsersApi api;
    StoredItems stored;

    @BeforeEach
    final void setUpUsers() {
        api = UsersApi.over(db, db.client(), clock);
        stored = new StoredItems(db);
    }
}
