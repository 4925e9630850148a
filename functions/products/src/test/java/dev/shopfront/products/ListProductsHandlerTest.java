package dev.shopfront.products;

import static dev.shopfront.devkit.testing.FaultyClients.closedPort;
import static dev.shopfront.devkit.testing.JsonBody.raw;
import static dev.shopfront.devkit.testing.JsonBody.string;
import static dev.shopfront.devkit.testing.ProblemAssertions.assertLeaksNothing;
import static dev.shopfront.devkit.testing.ProblemAssertions.assertProblem;
import static dev.shopfront.products.GetProductHandlerTest.GENERIC_DETAIL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shopfront.devkit.junit.TestDynamoDb;
import dev.shopfront.devkit.testing.Answer;
import dev.shopfront.devkit.testing.CapturedOutput;
import dev.shopfront.devkit.testing.InjectedFailure;
import dev.shopfront.devkit.testing.MutableClock;
import dev.shopfront.schema.ProductCreate;
import dev.shopfront.service.ProductService;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

class ListProductsHandlerTest extends ProductsTestBed {
    /** The functions' log lines (standard output) during each test. */
    @RegisterExtension
    final CapturedOutput output = new CapturedOutput();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String START = "2026-11-24T22:11:28.123Z";

    /** Ids in the order they were created, one millisecond apart. */
    private static final List<String> GARDEN = new ArrayList<>();

    private static final List<String> KITCHEN = new ArrayList<>();
    private static final List<String> UNCATEGORIZED = new ArrayList<>();
    private static String seller;

    @BeforeAll
    static void seed(TestDynamoDb db) {
        seller = ProductsApi.registerUser(db, "seller");
        MutableClock clock = MutableClock.at(START);
        ProductService products = ProductsApi.over(db, db.client(), clock).service();
        // 45 garden products, with kitchen and uncategorized ones created in between
        for (int i = 0; i < 45; i++) {
            GARDEN.add(create(products, clock, "garden", "Garden " + i));
            if (i % 6 == 0) {
                KITCHEN.add(create(products, clock, "kitchen", "Kitchen " + i));
            }
            if (i % 9 == 0) {
                UNCATEGORIZED.add(create(products, clock, null, "Loose " + i));
            }
        }
    }

    private static String create(ProductService products, MutableClock clock, String category, String name) {
        clock.advance(Duration.ofMillis(1));
        return products.create(seller, new ProductCreate(name, new BigDecimal("2.50"), "EUR", null, 1L, category))
                .id();
    }

    /** Every page of a walk with {@code limit}, following nextCursor until it is null. */
    private List<JsonNode> walk(String category, int limit) {
        List<JsonNode> pages = new ArrayList<>();
        String cursor = null;
        do {
            List<String> query = new ArrayList<>(List.of("limit", Integer.toString(limit)));
            if (category != null) {
                query.addAll(List.of("category", category));
            }
            if (cursor != null) {
                query.addAll(List.of("cursor", cursor));
            }
            Answer answer = api.list(query.toArray(String[]::new));
            assertEquals(200, answer.status(), answer::toString);
            JsonNode page = answer.json();
            pages.add(page);
            cursor = page.get("nextCursor").isNull()
                    ? null
                    : page.get("nextCursor").asText();
            assertTrue(pages.size() <= 100, "the walk does not end");
        } while (cursor != null);
        return pages;
    }

    private static List<Integer> sizes(List<JsonNode> pages) {
        return pages.stream().map(page -> page.get("items").size()).toList();
    }

    private static List<String> ids(List<JsonNode> pages) {
        List<String> ids = new ArrayList<>();
        pages.forEach(
                page -> page.get("items").forEach(item -> ids.add(item.get("id").asText())));
        return ids;
    }

    private static List<String> newestFirst(List<String> createdOrder) {
        return createdOrder.reversed();
    }

    @Test
    void list_walksACategoryNewestFirst_in20_20And5_withoutRepeatsOrGaps() {
        // when
        List<JsonNode> pages = walk("garden", 20);

        // then
        assertEquals(List.of(20, 20, 5), sizes(pages));
        assertTrue(pages.get(0).get("nextCursor").isTextual());
        assertTrue(pages.get(1).get("nextCursor").isTextual());
        assertTrue(pages.get(2).get("nextCursor").isNull(), "the last page says so");
        assertEquals(newestFirst(GARDEN), ids(pages), "each garden product once, newest first");
        List<String> createdAt = new ArrayList<>();
        pages.forEach(page -> page.get("items").forEach(item -> {
            assertEquals("garden", item.get("category").asText());
            createdAt.add(item.get("createdAt").asText());
        }));
        for (int i = 1; i < createdAt.size(); i++) {
            assertTrue(createdAt.get(i - 1).compareTo(createdAt.get(i)) > 0, "createdAt descends: " + createdAt);
        }
    }

    @Test
    void list_walksTheWholeTable_seeingEveryProductExactlyOnce() {
        // given: every product stored, whatever its category
        List<String> all = stored.ids();
        assertTrue(all.size() >= GARDEN.size() + KITCHEN.size() + UNCATEGORIZED.size());

        // when
        List<JsonNode> pages = walk(null, 20);

        // then
        List<String> seen = ids(pages);
        assertEquals(seen.size(), new HashSet<>(seen).size(), "no product twice: " + seen);
        assertEquals(new HashSet<>(all), new HashSet<>(seen), "no product missed");
        List<Integer> sizes = sizes(pages);
        sizes.subList(0, sizes.size() - 1).forEach(size -> assertEquals(20, size, sizes::toString));
        assertTrue(pages.getLast().get("nextCursor").isNull());
    }

    @Test
    void list_endsWithoutAnEmptyPage_whenTheLastPageIsFull() {
        // 8 kitchen products in pages of 4, and of 1
        List<JsonNode> fours = walk("kitchen", 4);
        assertEquals(List.of(4, 4), sizes(fours));
        assertEquals(newestFirst(KITCHEN), ids(fours));

        List<JsonNode> ones = walk("kitchen", 1);
        assertEquals(List.of(1, 1, 1, 1, 1, 1, 1, 1), sizes(ones));
        assertEquals(newestFirst(KITCHEN), ids(ones));
    }

    @Test
    void list_returnsTwentyItems_whenNoLimitIsGiven() {
        JsonNode page = api.list("category", "garden").json();

        assertEquals(20, page.get("items").size());
        assertEquals(newestFirst(GARDEN).subList(0, 20), ids(List.of(page)));
        assertTrue(page.get("nextCursor").isTextual());
        assertEquals(20, api.list().json().get("items").size(), "the unfiltered list too");
    }

    @Test
    void list_returnsTheWholeCategoryInOnePage_whenTheLimitCoversIt() {
        JsonNode hundred = api.list("category", "garden", "limit", "100").json();
        JsonNode exact = api.list("category", "garden", "limit", "45").json();

        assertEquals(newestFirst(GARDEN), ids(List.of(hundred)));
        assertTrue(hundred.get("nextCursor").isNull());
        assertEquals(newestFirst(GARDEN), ids(List.of(exact)));
        assertTrue(exact.get("nextCursor").isNull());
    }

    @Test
    void list_keepsCategoriesApart() {
        List<String> garden = ids(walk("garden", 100));
        List<String> kitchen = ids(walk("kitchen", 100));

        assertEquals(newestFirst(KITCHEN), kitchen);
        KITCHEN.forEach(id -> assertFalse(garden.contains(id), "a kitchen product in the garden list"));
        GARDEN.forEach(id -> assertFalse(kitchen.contains(id), "a garden product in the kitchen list"));
        UNCATEGORIZED.forEach(id ->
                assertFalse(garden.contains(id) || kitchen.contains(id), "an uncategorized product in a category"));
    }

    @Test
    void list_followsAProductMovedToAnotherCategory() {
        // given: a product of its own category, moved by its owner
        String id = api.created(
                owner,
                raw("name", string("Bench"), "price", "80", "currency", string("EUR"), "category", string("sheds")));
        assertEquals(List.of(id), ids(List.of(api.list("category", "sheds").json())));

        // when
        Answer moved = api.update(owner, id, raw("category", string("benches")));

        // then
        assertEquals(200, moved.status(), moved::toString);
        assertEquals(List.of(), ids(List.of(api.list("category", "sheds").json())));
        assertEquals(List.of(id), ids(List.of(api.list("category", "benches").json())));
    }

    @Test
    void list_ofACategoryWithNoProducts_isAnEmptyLastPage() throws Exception {
        Answer answer = api.list("category", "nothing-here");

        assertEquals(200, answer.status(), answer::toString);
        assertEquals(JSON.readTree("{\"items\": [], \"nextCursor\": null}"), answer.json());
    }

    @Test
    void list_needsNoCaller_andAnswersProductOuts() {
        // when: a public route, reached without the authorizer
        Answer answer = api.call(ProductEvents.listProducts()
                .withoutCaller()
                .query("category", "garden")
                .query("limit", "3"));

        // then
        assertEquals(200, answer.status(), answer::toString);
        assertEquals("application/json", answer.header("Content-Type"));
        assertEquals(List.of("items", "nextCursor"), List.copyOf(CreateProductHandlerTest.keys(answer.json())));
        for (JsonNode item : answer.json().get("items")) {
            assertEquals(CreateProductHandlerTest.PRODUCT_OUT_KEYS, CreateProductHandlerTest.keys(item));
            assertEquals(api.get(item.get("id").asText()).json(), item, "the item is the product as GET answers it");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "101", "abc", "-1", "1.5", "", "1e1", "99999999999", "+5", "\u0665"})
    void list_returns400NamingTheLimit_whenItIsNotAWholeNumberFrom1To100(String limit) {
        assertProblem(api.list("limit", limit), 400, "invalid-parameter", "limit");
        assertProblem(api.list("category", "garden", "limit", limit), 400, "invalid-parameter", "limit");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "BAD!",
                "Shoes",
                "a_b",
                "",
                "garden kitchen",
                "ccccccccccccccccccccccccccccccccccccccccccccccccccc"
            })
    void list_returns400NamingTheCategory_whenItBreaksTheCategoryRule(String category) {
        assertProblem(api.list("category", category), 400, "invalid-parameter", "category");
    }

    @Test
    void list_returns500NeverAnEmptyPage_whenEveryDynamoDbCallFails() {
        InjectedFailure outage = InjectedFailure.outage();
        try (DynamoDbClient failing = db.clientBuilder()
                .overrideConfiguration(o -> o.addExecutionInterceptor(outage))
                .build()) {
            ProductsApi cutOff = ProductsApi.over(db, failing, MutableClock.at(START));

            for (Answer answer : List.of(cutOff.list("category", "garden"), cutOff.list())) {
                assertProblem(answer, 500, "internal-error");
                assertEquals(GENERIC_DETAIL, answer.json().get("detail").asText());
                assertLeaksNothing(answer, db.table("ProductsTable"), "injected", "Connection reset", "ByCategory");
                assertTrue(output.text().contains(answer.request().requestId()), "the log names the request id");
            }
            assertTrue(outage.failures() >= 2);
        }
    }

    @Test
    void list_returns500NeverAnEmptyPage_whenDynamoDbIsUnreachable() throws Exception {
        try (DynamoDbClient unreachable =
                db.clientBuilder().endpointOverride(closedPort()).build()) {
            ProductsApi cutOff = ProductsApi.over(db, unreachable, MutableClock.at(START));

            Answer answer = cutOff.list("category", "garden");

            assertProblem(answer, 500, "internal-error");
            assertLeaksNothing(answer, db.table("ProductsTable"), "127.0.0.1", "Connection refused");
            assertTrue(output.text().contains(answer.request().requestId()), "the log names the request id");
            assertTrue(output.text().contains("StorageException"), "the details go to the log");
        }
    }
}
