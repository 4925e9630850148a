package dev.shopfront.products;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shopfront.config.Wiring;
import dev.shopfront.devkit.junit.DynamoDbExtension;
import dev.shopfront.devkit.junit.TestDynamoDb;
import dev.shopfront.devkit.testing.Answer;
import dev.shopfront.devkit.testing.HttpApiEvent;
import dev.shopfront.devkit.testing.MutableClock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The events the products functions prime with before a SnapStart snapshot answer as planned and store nothing. */
@ExtendWith(DynamoDbExtension.class)
class PrimingEventsTest {
    private TestDynamoDb db;
    private ProductsApi api;

    @BeforeEach
    void setUp(TestDynamoDb db) {
        this.db = db;
        this.api = ProductsApi.over(db, db.client(), MutableClock.at("2026-11-24T22:11:28.123Z"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "get-product, 404",
        "list-products, 200",
        "create-product, 401",
        "update-product, 401",
        "delete-product, 401"
    })
    void primingEvent_answersWithoutStoringAnything(String event, int status) {
        // given
        String owner = ProductsApi.registerUser(db, "owner-" + event);
        api.created(
                owner,
                "{\"name\":\"Trail shoe\",\"price\":19.99,\"currency\":\"EUR\",\"stock\":1,\"category\":\"shoes\"}");
        int products = count(Wiring.PRODUCTS_TABLE);
        int idempotencyRecords = count(Wiring.IDEMPOTENCY_TABLE);

        // when
        Answer answer = api.call(HttpApiEvent.resource("priming/" + event + ".json"));

        // then
        assertEquals(status, answer.status(), answer::toString);
        assertEquals(products, count(Wiring.PRODUCTS_TABLE), "products stored by priming");
        assertEquals(idempotencyRecords, count(Wiring.IDEMPOTENCY_TABLE), "idempotency records stored by priming");
    }

    @Test
    void createWriteRehearsal_isRefusedByDynamoDbAndStoresNothing() {
        // given
        String owner = ProductsApi.registerUser(db, "owner-rehearsal");
        api.created(
                owner,
                "{\"name\":\"Trail shoe\",\"price\":19.99,\"currency\":\"EUR\",\"stock\":1,\"category\":\"shoes\"}");
        List<Map<String, AttributeValue>> before = items(Wiring.PRODUCTS_TABLE);

        // when: rehearsed as CreateProductHandler primes it; a stored item or an unreachable table would throw
        api.service().rehearseCreate(PrimingSamples.CREATE);

        // then
        assertEquals(before, items(Wiring.PRODUCTS_TABLE));
    }

    private List<Map<String, AttributeValue>> items(String tableVariable) {
        return db.client()
                .scan(r -> r.tableName(db.environment().get(tableVariable)))
                .items();
    }

    private int count(String tableVariable) {
        return db.client()
                .scan(r -> r.tableName(db.environment().get(tableVariable)))
                .count();
    }
}
