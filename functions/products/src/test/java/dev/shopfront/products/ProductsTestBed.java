package dev.shopfront.products;

import dev.shopfront.devkit.junit.DynamoDbExtension;
import dev.shopfront.devkit.junit.TestDynamoDb;
import dev.shopfront.devkit.testing.MutableClock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The set-up the /products handler tests share: the class's tables, an owner registered once per class
 * (Argon2id hashing costs about 60 ms a user), and per test the handlers at {@link #CREATED} on a clock
 * the test may move, with the table as stored.
 */
@ExtendWith(DynamoDbExtension.class)
abstract class ProductsTestBed {
    /** The instant each test starts at. */
    static final String CREATED = "2026-11-24T22:11:28.123Z";
    /** Each class's owner, by the class's products table (every class has tables of its own). */
    private static final Map<String, String> OWNERS = new ConcurrentHashMap<>();

    TestDynamoDb db;
    MutableClock clock;
    ProductsApi api;
    StoredProducts stored;
    /** A user registered once for the class, who owns what the tests create. */
    String owner;

    @BeforeEach
    final void setUpProducts(TestDynamoDb db) {
        this.db = db;
        this.clock = MutableClock.at(CREATED);
        this.api = ProductsApi.over(db, db.client(), clock);
        this.stored = new StoredProducts(db);
        this.owner = OWNERS.computeIfAbsent(stored.table(), table -> ProductsApi.registerUser(db, "owner"));
    }
}
