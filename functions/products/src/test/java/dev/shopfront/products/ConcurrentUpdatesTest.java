package dev.shopfront.products;

import static dev.shopfront.devkit.testing.JsonBody.raw;
import static dev.shopfront.devkit.testing.JsonBody.string;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shopfront.devkit.junit.DynamoDbExtension;
import dev.shopfront.devkit.junit.TestDynamoDb;
import dev.shopfront.devkit.testing.Answer;
import dev.shopfront.devkit.testing.MutableClock;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Changes without If-Match apply atomically to the current version: racing changes of different fields are all kept. */
@ExtendWith(DynamoDbExtension.class)
class ConcurrentUpdatesTest {
    private static final int ROUNDS = 25;

    @Test
    void racingPatchesOfDifferentFields_areBothKept_andEveryChangeCountsInTheVersion(TestDynamoDb db) throws Exception {
        // given
        String owner = ProductsApi.registerUser(db, "owner");
        ProductsApi api = ProductsApi.over(db, db.client(), MutableClock.at("2026-11-24T22:11:28.123Z"));
        String id = api.call(ProductEvents.createProduct(owner)).id();
        List<Long> versionsAnswered = new ArrayList<>();

        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int round = 1; round <= ROUNDS; round++) {
                // when: two PATCHes of different fields, released at once
                CountDownLatch start = new CountDownLatch(1);
                String name = "Name " + round;
                long stock = round;
                Future<Answer> renaming = threads.submit(() -> {
                    start.await();
                    return api.update(owner, id, raw("name", string(name)));
                });
                Future<Answer> restocking = threads.submit(() -> {
                    start.await();
                    return api.update(owner, id, raw("stock", Long.toString(stock)));
                });
                start.countDown();
                Answer renamed = renaming.get(10, TimeUnit.SECONDS);
                Answer restocked = restocking.get(10, TimeUnit.SECONDS);

                // then: both succeed, and neither undid the other
                assertEquals(200, renamed.status(), renamed::toString);
                assertEquals(200, restocked.status(), restocked::toString);
                versionsAnswered.add(renamed.json().get("version").asLong());
                versionsAnswered.add(restocked.json().get("version").asLong());
                JsonNode now = api.get(id).json();
                assertEquals(name, now.get("name").asText(), "round " + round);
                assertEquals(stock, now.get("stock").asLong(), "round " + round);
                assertEquals(1 + 2L * round, now.get("version").asLong(), "round " + round);
            }
        } finally {
            threads.shutdownNow();
        }

        // every change got a version of its own: 2 .. 1 + 2 * ROUNDS, none twice
        TreeSet<Long> distinct = new TreeSet<>(versionsAnswered);
        assertEquals(2 * ROUNDS, distinct.size(), versionsAnswered::toString);
        assertEquals(2L, distinct.first());
        assertEquals(1L + 2 * ROUNDS, distinct.last());
        Answer last = api.get(id);
        assertEquals("\"" + (1 + 2 * ROUNDS) + "\"", last.header("ETag"));
    }
}
