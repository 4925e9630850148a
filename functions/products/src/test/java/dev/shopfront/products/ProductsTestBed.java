package dev.shopfront.products;

import dev.shopfront.devkit.testing.DynamoDbTestBed;
import org.junit.jupiter.api.BeforeEach;

/**
 * The set-up the /products handler tests share: on the class's tables, per test the handlers at the
 * test's clock, the table as stored, and an owner registered once per class.
 */
abstract class ProductsTestBed extends DynamoDbTestBed {
    ProductsApi api;
    StoredProducts stored;
    /** A user registered once for the class, who owns what the tests create. */
    String owner;

    @BeforeEach
    final void setUpProducts() {
        api = ProductsApi.over(db, db.client(), clock);
        stored = new StoredProducts(db);
        owner = perClass("owner", tables -> ProductsApi.registerUser(tables, "owner"));
    }
}
