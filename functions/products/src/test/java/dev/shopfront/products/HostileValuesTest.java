package dev.shopfront.products;

import static dev.shopfront.devkit.testing.ProblemAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shopfront.devkit.junit.TestDynamoDb;
import dev.shopfront.devkit.testing.Answer;
import dev.shopfront.devkit.testing.MutableClock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile values in product bodies: numbers out of all proportion, which once took up to 17 seconds
 * of CPU each (past the function's timeout), and strings that are not Unicode. Each is a 400
 * validation error naming the field, answered in milliseconds, and nothing changes.
 */
class HostileValuesTest extends ProductsTestBed {
    private static final long BUDGET_MILLIS = 50;

    private static String rakeOwner;
    private static String productId;

    @BeforeAll
    static void createAProduct(TestDynamoDb db) {
        rakeOwner = ProductsApi.registerUser(db, "rake owner");
        ProductsApi api = ProductsApi.over(db, db.client(), MutableClock.at("2026-11-24T22:11:28.123Z"));
        productId = api.created(rakeOwner, "{\"name\":\"Rake\",\"price\":9,\"currency\":\"EUR\"}");
        // A body of another shape pays for class loading and validator metadata before anything is timed.
        api.update(rakeOwner, productId, "{\"description\":\"warm\"}");
    }

    static Stream<Arguments> hostileNumbers() {
        String zeros = "0".repeat(5_000);
        return Stream.of(
                Arguments.of("price", "1e30000000"),
                Arguments.of("price", "1e10000000"),
                Arguments.of("price", "-1e10000000"),
                Arguments.of("price", "1e-30000000"),
                Arguments.of("price", "-1e-10000000"),
                Arguments.of("price", "0." + zeros + "1"),
                Arguments.of("price", "1" + zeros),
                Arguments.of("stock", "9".repeat(5_000)),
                Arguments.of("stock", "9".repeat(30)));
    }

    @ParameterizedTest(name = "POST /products {0}: {1}")
    @MethodSource("hostileNumbers")
    void create_answers400NamingTheField_inMilliseconds(String field, String number) {
        String body = field.equals("price")
                ? "{\"name\":\"x\",\"price\":" + number + ",\"currency\":\"EUR\"}"
                : "{\"name\":\"x\",\"price\":1,\"currency\":\"EUR\",\"stock\":" + number + "}";
        int before = stored.count();

        assertRefusedQuickly(() -> api.create(rakeOwner, body), field);
        assertEquals(before, stored.count());
    }

    @ParameterizedTest(name = "PATCH /products {0}: {1}")
    @MethodSource("hostileNumbers")
    void update_answers400NamingTheField_inMilliseconds(String field, String number) {
        String before = api.get(productId).body();

        assertRefusedQuickly(() -> api.update(rakeOwner, productId, "{\"" + field + "\":" + number + "}"), field);
        assertEquals(before, api.get(productId).body());
    }

    @ParameterizedTest(name = "POST /products {0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "name        | {\"name\":\"\\ud800\",\"price\":1,\"currency\":\"EUR\"}",
                "currency    | {\"name\":\"x\",\"price\":1,\"currency\":\"EU\\udc00\"}",
                "description | {\"name\":\"x\",\"price\":1,\"currency\":\"EUR\",\"description\":\"a \\udbff b\"}",
                "category    | {\"name\":\"x\",\"price\":1,\"currency\":\"EUR\",\"category\":\"\\ud83d\"}"
            })
    void create_answers400NamingTheField_whenItHoldsALoneSurrogate(String field, String body) {
        int before = stored.count();

        assertProblem(api.create(rakeOwner, body), 400, "validation-error", field);
        assertEquals(before, stored.count());
    }

    @ParameterizedTest(name = "PATCH /products {0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "name        | {\"name\":\"\\ud800\"}",
                "currency    | {\"currency\":\"EU\\udc00\"}",
                "description | {\"description\":\"a \\udbff b\"}",
                "category    | {\"category\":\"\\ud83d\"}"
            })
    void update_answers400NamingTheField_whenItHoldsALoneSurrogate(String field, String body) {
        String before = api.get(productId).body();

        assertProblem(api.update(rakeOwner, productId, body), 400, "validation-error", field);
        assertEquals(before, api.get(productId).body());
    }

    /** The median of three runs within the budget; each run stopped after 2 s (unbounded, one took 17). */
    private static void assertRefusedQuickly(java.util.function.Supplier<Answer> request, String field) {
        long[] millis = new long[3];
        for (int i = 0; i < millis.length; i++) {
            millis[i] = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
                long started = System.nanoTime();
                Answer answer = request.get();
                long took = (System.nanoTime() - started) / 1_000_000;
                assertProblem(answer, 400, "validation-error", field);
                return took;
            });
        }
        Arrays.sort(millis);
        assertTrue(
                millis[1] < BUDGET_MILLIS,
                "median " + millis[1] + " ms of " + Arrays.toString(millis) + " for " + List.of(field));
    }
}
