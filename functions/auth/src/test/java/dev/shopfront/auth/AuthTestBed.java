package dev.shopfront.auth;

import dev.shopfront.devkit.testing.DynamoDbTestBed;
import org.junit.jupiter.api.BeforeEach;

/** The set-up the auth handler tests share: on the class's tables, per test the handlers at the test's clock. */
abstract class AuthTestBed extends DynamoDbTestBed {
    AuthApi api;

    @BeforeEach
    final void setUpAuth() {
        api = AuthApi.over(db, clock);
    }
}
