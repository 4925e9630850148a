package dev.shopfront.products;

import static dev.shopfront.devkit.testing.JsonBody.raw;
import static dev.shopfront.devkit.testing.JsonBody.string;
import static dev.shopfront.devkit.testing.ProblemAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shopfront.devkit.testing.Answer;
import dev.shopfront.devkit.testing.InjectedAction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class CreateProductHandlerTest extends ProductsTestBed {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final Set<String> PRODUCT_OUT_KEYS = Set.of(
            "id",
            "ownerId",
            "name",
            "description",
            "price",
            "currency",
            "stock",
            "category",
            "createdAt",
            "updatedAt",
            "version");
    private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @Test
    void create_returns201WithLocationETagAndTheProductOwnedByTheCaller() throws Exception {
        // when: the sample event's body, sent by the owner
        Answer answer = api.call(ProductEvents.createProduct(owner));

        // then
        assertEquals(201, answer.status(), answer::toString);
        String id = answer.id();
        assertTrue(id.matches(UUID_PATTERN), id);
        assertEquals("/products/" + id, answer.header("Location"));
        assertEquals("\"1\"", answer.header("ETag"));
        assertEquals("application/json", answer.header("Content-Type"));
        assertEquals(JSON.readTree("""
            {"id": "%s", "ownerId": "%s", "name": "Trail shoe", "description": "Light, with a grippy sole",
             "price": 19.99, "currency": "EUR", "stock": 12, "category": "shoes",
             "createdAt": "%s", "updatedAt": "%s", "version": 1}
            """.formatted(id, owner, CREATED, CREATED)), answer.json());
        assertEquals(PRODUCT_OUT_KEYS, keys(answer.json()));
        assertTrue(answer.body().contains("\"price\":19.99,"), answer::toString);

        Map<String, AttributeValue> item = stored.item(id).orElseThrow();
        assertEquals(owner, item.get("ownerId").s());
        assertEquals("1", item.get("version").n());
        assertEquals("19.99", item.get("price").n());
        assertEquals("12", item.get("stock").n());
    }

    @Test
    void create_defaultsStockToZero_andAnswersEveryKeyWhenOptionalFieldsAreLeftOut() throws Exception {
        Answer answer = api.create(owner, raw("name", string("Trowel"), "price", "4.5", "currency", string("GBP")));

        assertEquals(201, answer.status(), answer::toString);
        assertEquals(PRODUCT_OUT_KEYS, keys(answer.json()));
        assertEquals(JSON.readTree("""
            {"id": "%s", "ownerId": "%s", "name": "Trowel", "description": null,
             "price": 4.5, "currency": "GBP", "stock": 0, "category": null,
             "createdAt": "%s", "updatedAt": "%s", "version": 1}
            """.formatted(answer.id(), owner, CREATED, CREATED)), answer.json());
        assertEquals("0", stored.item(answer.id()).orElseThrow().get("stock").n());
    }

    @Test
    void create_trimsTheName() {
        Answer answer = api.create(owner, raw("name", string("  Rake \t"), "price", "9", "currency", string("USD")));

        assertEquals(201, answer.status(), answer::toString);
        assertEquals("Rake", answer.json().get("name").asText());
        assertEquals("Rake", stored.item(answer.id()).orElseThrow().get("name").s());
    }

    @Test
    void create_acceptsEveryBoundaryValue() {
        Answer answer = api.create(
                owner,
                raw(
                        "name", string("n".repeat(200)),
                        "description", string("d".repeat(2000)),
                        "price", "10000000",
                        "currency", string("JPY"),
                        "stock", "1000000000",
                        "category", string("c".repeat(50))));

        assertEquals(201, answer.status(), answer::toString);
        assertEquals(1_000_000_000L, answer.json().get("stock").asLong());
        assertTrue(answer.body().contains("\"price\":10000000,"), answer::toString);

        Answer free = api.create(
                owner,
                raw(
                        "name",
                        string("n"),
                        "description",
                        string(""),
                        "price",
                        "0",
                        "currency",
                        string("EUR"),
                        "stock",
                        "0",
                        "category",
                        string("a-0")));
        assertEquals(201, free.status(), free::toString);
    }

    static Stream<Arguments> invalidBodies() {
        List<Arguments> cases = new ArrayList<>(InvalidFields.cases().toList());
        cases.add(Arguments.of("missing name", "name", null, InvalidFields.VALIDATION));
        cases.add(Arguments.of("missing price", "price", null, InvalidFields.VALIDATION));
        cases.add(Arguments.of("missing currency", "currency", null, InvalidFields.VALIDATION));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidBodies")
    void create_returns400NamingTheField_andStoresNothing(String label, String field, String rawValue, String kind) {
        // given: a valid body with one property broken (or left out)
        String body = withProperty(field, rawValue);
        int before = stored.count();

        // when
        Answer answer = api.create(owner, body);

        // then
        assertProblem(answer, 400, kind, field);
        assertEquals(before, stored.count(), "nothing is stored");
    }

    @Test
    void create_returns401_withoutTheAuthorizerContext_andStoresNothing() {
        int before = stored.count();

        Answer answer = api.call(ProductEvents.createProduct(owner).withoutCaller());

        assertProblem(answer, 401, "unauthorized");
        assertEquals(before, stored.count());
    }

    @Test
    void create_returns401_whenTheTokenExpiredAfterTheAuthorizerLetItIn_andStoresNothing() {
        // given: API Gateway answers from its cache of the authorizer's answer (ReauthorizeEvery) past the token's
        // expiry
        long now = Instant.now().getEpochSecond();
        int before = stored.count();

        // when
        Answer expired = api.call(ProductEvents.createProduct(owner).tokenExpiresAt(now - 1));
        Answer valid = api.call(ProductEvents.createProduct(owner).tokenExpiresAt(now + 3600));

        // then
        assertProblem(expired, 401, "unauthorized");
        assertEquals(201, valid.status(), valid::toString);
        assertEquals(before + 1, stored.count(), "only the request with a valid token stored a product");
    }

    @Test
    void create_returns401_whenTheCallersUserWasDeleted_andStoresNothing() {
        // given: a token whose user is gone (the authorizer may still have it cached)
        String gone = ProductsApi.registerUser(db, "gone");
        ProductsApi.deleteUser(db, gone);
        int before = stored.count();

        // when
        Answer answer = api.call(ProductEvents.createProduct(gone));

        // then
        assertProblem(answer, 401, "unauthorized");
        assertEquals(before, stored.count());
    }

    @Test
    void create_returns401AndLeavesNoProduct_whenTheCallersUserIsDeletedWhileItWrites() {
        // given: the user is deleted the moment the product is written, after the create checked them: the
        // clean-up the deletion triggers may already have listed their products
        String leaving = ProductsApi.registerUser(db, "leaving");
        InjectedAction deleteUserAfterTheWrite = InjectedAction.afterCall(
                "PutItem", db.table("ProductsTable"), () -> ProductsApi.deleteUser(db, leaving));

        // when
        Answer answer = ProductsApi.over(db, faulty.dynamoDb(db, deleteUserAfterTheWrite), clock)
                .call(ProductEvents.createProduct(leaving));

        // then
        assertProblem(answer, 401, "unauthorized");
        assertEquals(List.of(), stored.idsOwnedBy(leaving));
    }

    /** The valid body {name, price, currency} with {@code field} set to {@code rawValue}, or left out when it is null. */
    private static String withProperty(String field, String rawValue) {
        Map<String, String> body = new java.util.LinkedHashMap<>();
        body.put("name", string("Watering can"));
        body.put("price", "19.99");
        body.put("currency", string("EUR"));
        body.put(field, rawValue);
        List<String> pairs = new ArrayList<>();
        body.forEach((name, value) -> {
            pairs.add(name);
            pairs.add(value);
        });
        return raw(pairs.toArray(String[]::new));
    }

    static Set<String> keys(JsonNode object) {
        Set<String> names = new TreeSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
