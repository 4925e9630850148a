package dev.shopfront.users;

import dev.shopfront.devkit.junit.DynamoDbExtension;
import dev.shopfront.devkit.junit.TestDynamoDb;
import dev.shopfront.devkit.testing.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The set-up the /users handler tests share: the class's tables, and per test the handlers at
 * {@link #CREATED} on a clock the test may move, with the tables as stored.
 */
@ExtendWith(DynamoDbExtension.class)
abstract class UsersTestBed {
    /** The instant each test starts at. */
    static final String CREATED = "2026-11-24T22:11:28.123Z";

    TestDynamoDb db;
    MutableClock clock;
    UsersApi api;
    StoredItems stored;

    @BeforeEach
    final void setUpUsers(TestDynamoDb db) {
        this.db = db;
        this.clock = MutableClock.at(CREATED);
        this.api = UsersApi.over(db, db.client(), clock);
        this.stored = new StoredItems(db);
    }
}
