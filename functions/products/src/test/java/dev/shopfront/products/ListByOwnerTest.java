package dev.shopfront.products;

import static dev.shopfront.devkit.testing.ProblemAssertions.assertLeaksNothing;
import static dev.shopfront.devkit.testing.ProblemAssertions.assertProblem;
import static dev.shopfront.products.GetProductHandlerTest.GENERIC_DETAIL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shopfront.devkit.junit.TestDynamoDb;
import dev.shopfront.devkit.testing.Answer;
import dev.shopfront.devkit.testing.CapturedOutput;
import dev.shopfront.devkit.testing.InjectedFailure;
import dev.shopfront.devkit.testing.JsonBody;
import dev.shopfront.devkit.testing.MutableClock;
import dev.shopfront.schema.ProductCreate;
import dev.shopfront.service.ProductService;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** {@code GET /products?ownerId=}: one owner's products, newest first, from the owner index (contract v2). */
class ListByOwnerTest extends ProductsTestBed {
    /** The functions' log lines (standard output) during each test. */
    @RegisterExtension
    final CapturedOutput output = new CapturedOutput();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String START = "2026-11-24T22:11:28.123Z";

    /** Each owner's product ids in the order they were created, one millisecond apart and interleaved. */
    private static final List<String> ALICE = new ArrayList<>();

    private static final List<String> BOB = new ArrayList<>();
    private static String alice;
    private static String bob;

    @BeforeAll
    static void seed(TestDynamoDb db) {
        alice = ProductsApi.registerUser(db, "alice");
        bob = ProductsApi.registerUser(db, "bob");
        MutableClock clock = MutableClock.at(START);
        ProductService products = ProductsApi.over(db, db.client(), clock).service();
        String[] categories = {"garden", "kitchen", null};
        for (int i = 0; i < 23; i++) {
            clock.advance(Duration.ofMillis(1));
            ALICE.add(products.create(
                            alice, new ProductCreate("Alice " + i, BigDecimal.TEN, "EUR", null, 1L, categories[i % 3]))
                    .id());
            if (i % 3 == 0) {
                clock.advance(Duration.ofMillis(1));
                BOB.add(products.create(bob, new ProductCreate("Bob " + i, BigDecimal.ONE, "EUR", null, 1L, "garden"))
                        .id());
            }
        }
    }

    /** Every page of one owner's list with {@code limit}, following nextCursor until it is null. */
    private List<JsonNode> walk(String ownerId, int limit) {
        List<JsonNode> pages = new ArrayList<>();
        String cursor = null;
        do {
            Answer answer = cursor == null
                    ? api.list("ownerId", ownerId, "limit", Integer.toString(limit))
                    : api.list("ownerId", ownerId, "limit", Integer.toString(limit), "cursor", cursor);
            assertEquals(200, answer.status(), answer::toString);
            pages.add(answer.json());
            cursor = answer.json().get("nextCursor").asText(null);
            assertTrue(pages.size() <= 100, "the walk does not end");
        } while (cursor != null);
        return pages;
    }

    private static List<String> ids(List<JsonNode> pages) {
        List<String> ids = new ArrayList<>();
        pages.forEach(
                page -> page.get("items").forEach(item -> ids.add(item.get("id").asText())));
        return ids;
    }

    private String firstCursor(String... query) {
        String cursor = api.list(query).json().get("nextCursor").asText(null);
        assertTrue(cursor != null, "the first page has a next one");
        return cursor;
    }

    @Test
    void list_byOwner_walksOnlyThatOwnersProductsNewestFirst_withoutRepeatsOrGaps() {
        // when
        List<JsonNode> pages = walk(alice, 10);

        // then: every category and none, 23 products in pages of 10, 10 and 3
        assertEquals(
                List.of(10, 10, 3),
                pages.stream().map(page -> page.get("items").size()).toList());
        assertEquals(ALICE.reversed(), ids(pages));
        assertTrue(pages.getLast().get("nextCursor").isNull(), "the last page says so");
        List<String> createdAt = new ArrayList<>();
        pages.forEach(page -> page.get("items").forEach(item -> {
            assertEquals(alice, item.get("ownerId").asText());
            createdAt.add(item.get("createdAt").asText());
        }));
        for (int i = 1; i < createdAt.size(); i++) {
            assertTrue(createdAt.get(i - 1).compareTo(createdAt.get(i)) > 0, "createdAt descends: " + createdAt);
        }
        assertEquals(BOB.reversed(), ids(walk(bob, 3)));
    }

    @Test
    void list_byOwner_answersTheItemsAsGetDoes() {
        Answer answer = api.call(ProductEvents.listProducts()
                .withoutCaller()
                .query("ownerId", bob)
                .query("limit", "2"));

        assertEquals(200, answer.status(), answer::toString);
        for (JsonNode item : answer.json().get("items")) {
            assertEquals(api.get(item.get("id").asText()).json(), item);
        }
    }

    @Test
    void list_byOwner_acceptsTheIdInUpperCase() {
        Answer upper = api.list("ownerId", alice.toUpperCase(Locale.ROOT), "limit", "100");

        assertEquals(200, upper.status(), upper::toString);
        assertEquals(ALICE.reversed(), ids(List.of(upper.json())));
    }

    @Test
    void list_byOwner_ofSomeoneWithoutProducts_isAnEmptyLastPage() throws Exception {
        Answer answer = api.list("ownerId", UUID.randomUUID().toString());

        assertEquals(200, answer.status(), answer::toString);
        assertEquals(JSON.readTree("{\"items\": [], \"nextCursor\": null}"), answer.json());
    }

    @Test
    void list_byOwner_losesADeletedProduct_andKeepsTheOthers() {
        // given: a product newer than the seeded ones
        ProductsApi later = ProductsApi.over(db, db.client(), MutableClock.at("2026-11-25T08:00:00.000Z"));
        String id = later.created(
                bob,
                JsonBody.raw("name", JsonBody.string("Short-lived"), "price", "1", "currency", JsonBody.string("EUR")));
        assertEquals(
                id, ids(List.of(api.list("ownerId", bob, "limit", "1").json())).getFirst(), "the newest comes first");

        // when
        assertEquals(204, api.delete(bob, id).status());

        // then
        assertEquals(BOB.reversed(), ids(walk(bob, 100)));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "abc",
                "",
                " ",
                "7d9f5b0e-3c2a-4f7e-9b1d-2a6c8e4f0a1",
                "7d9f5b0e3c2a4f7e9b1d2a6c8e4f0a11",
                "{7d9f5b0e-3c2a-4f7e-9b1d-2a6c8e4f0a11}",
                "7d9f5b0e-3c2a-4f7e-9b1d-2a6c8e4f0a11 ",
                "../users",
                "zd9f5b0e-3c2a-4f7e-9b1d-2a6c8e4f0a11"
            })
    void list_returns400NamingOwnerId_whenItIsNotAUuid(String ownerId) {
        assertProblem(api.list("ownerId", ownerId), 400, "invalid-parameter", "ownerId");
    }

    @Test
    void list_returns400NamingOwnerId_whenCategoryIsGivenToo() {
        assertProblem(api.list("ownerId", alice, "category", "garden"), 400, "invalid-parameter", "ownerId");
        assertProblem(
                api.list("category", "garden", "ownerId", alice, "limit", "5"), 400, "invalid-parameter", "ownerId");
    }

    @Test
    void list_byOwner_refusesTheLimitsEveryListRefuses() {
        for (String limit : List.of("0", "101", "abc")) {
            assertProblem(api.list("ownerId", alice, "limit", limit), 400, "invalid-parameter", "limit");
        }
    }

    @Test
    void aCursorOfOneOwner_isRefusedByAnotherOwnersList_andByTheOtherLists() {
        String alicesCursor = firstCursor("ownerId", alice, "limit", "2");

        assertProblem(api.list("ownerId", bob, "cursor", alicesCursor), 400, "invalid-parameter", "cursor");
        assertProblem(api.list("category", "garden", "cursor", alicesCursor), 400, "invalid-parameter", "cursor");
        assertProblem(api.list("cursor", alicesCursor), 400, "invalid-parameter", "cursor");
        assertEquals(
                200,
                api.list("ownerId", alice, "limit", "2", "cursor", alicesCursor).status(),
                "its own list continues");
        // the owner's id in another case is the same list
        assertEquals(
                200,
                api.list("ownerId", alice.toUpperCase(Locale.ROOT), "limit", "2", "cursor", alicesCursor)
                        .status());
    }

    @Test
    void aCursorOfTheCategoryOrUnfilteredList_isRefusedByAnOwnersList() {
        assertProblem(
                api.list("ownerId", alice, "cursor", firstCursor("category", "garden", "limit", "2")),
                400,
                "invalid-parameter",
                "cursor");
        assertProblem(
                api.list("ownerId", alice, "cursor", firstCursor("limit", "2")), 400, "invalid-parameter", "cursor");
    }

    @Test
    void list_byOwner_returns500NeverAnEmptyPage_whenEveryDynamoDbCallFails() {
        InjectedFailure outage = InjectedFailure.outage();
        try (DynamoDbClient failing = db.clientBuilder()
                .overrideConfiguration(o -> o.addExecutionInterceptor(outage))
                .build()) {
            Answer answer =
                    ProductsApi.over(db, failing, MutableClock.at(START)).list("ownerId", alice);

            assertProblem(answer, 500, "internal-error");
            assertEquals(GENERIC_DETAIL, answer.json().get("detail").asText());
            assertLeaksNothing(answer, db.table("ProductsTable"), "injected", "ByOwner");
            assertTrue(output.text().contains(answer.request().requestId()), "the log names the request id");
            assertEquals(1, outage.failures());
        }
    }
}
