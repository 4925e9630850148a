package dev.shopfront.products;

import static dev.shopfront.devkit.testing.JsonBody.raw;
import static dev.shopfront.devkit.testing.JsonBody.string;
import static dev.shopfront.devkit.testing.ProblemAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shopfront.devkit.junit.TestDynamoDb;
import dev.shopfront.devkit.testing.Answer;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class UpdateProductHandlerTest extends ProductsTestBed {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String stranger;

    @BeforeAll
    static void registerStranger(TestDynamoDb db) {
        stranger = ProductsApi.registerUser(db, "stranger");
    }

    @Test
    void update_returns200WithTheNextVersionAndETag_andChangesOnlyTheGivenFields() throws Exception {
        // given
        String id = api.call(ProductEvents.createProduct(owner)).id();
        clock.advance(Duration.ofMillis(5_432));

        // when: the sample event's body, {"price": 17.5, "stock": 11}
        Answer answer = api.call(ProductEvents.updateProduct(id, owner));

        // then
        assertEquals(200, answer.status(), answer::toString);
        assertEquals("\"2\"", answer.header("ETag"));
        assertEquals("application/json", answer.header("Content-Type"));
        JsonNode expected = JSON.readTree("""
            {"id": "%s", "ownerId": "%s", "name": "Trail shoe", "description": "Light, with a grippy sole",
             "price": 17.5, "currency": "EUR", "stock": 11, "category": "shoes",
             "createdAt": "2026-11-24T22:11:28.123Z", "updatedAt": "2026-11-24T22:11:33.555Z", "version": 2}
            """.formatted(id, owner));
        assertEquals(expected, answer.json());
        assertTrue(answer.body().contains("\"price\":17.5,"), answer::toString);

        Answer read = api.get(id);
        assertEquals(expected, read.json(), "GET shows the change");
        assertEquals("\"2\"", read.header("ETag"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "name        | \"Hose reel\"       | \"Hose reel\"",
                "name        | \"  Hose reel  \"   | \"Hose reel\"",
                "description | \"Thirty metres\"   | \"Thirty metres\"",
                "price       | 0.5                 | 0.5",
                "currency    | \"CHF\"             | \"CHF\"",
                "stock       | 0                   | 0",
                "category    | \"outdoor-2\"       | \"outdoor-2\""
            })
    void update_changesTheOneFieldGiven_andKeepsEveryOther(String field, String rawValue, String rawExpected)
            throws Exception {
        // given
        Answer created = api.call(ProductEvents.createProduct(owner));
        clock.advance(Duration.ofSeconds(1));

        // when
        Answer answer = api.update(owner, created.id(), raw(field, rawValue));

        // then
        assertEquals(200, answer.status(), answer::toString);
        ObjectNode expected = (ObjectNode) created.json().deepCopy();
        expected.set(field, JSON.readTree(rawExpected));
        expected.put("updatedAt", "2026-11-24T22:11:29.123Z");
        expected.put("version", 2);
        assertEquals(expected, answer.json());
        assertEquals(expected, api.get(created.id()).json());
    }

    @Test
    void update_countsEveryChangeInTheVersion() {
        String id = api.call(ProductEvents.createProduct(owner)).id();

        for (int change = 1; change <= 5; change++) {
            Answer answer = api.update(owner, id, raw("stock", Integer.toString(change)));
            assertEquals(200, answer.status(), answer::toString);
            assertEquals(1 + change, answer.json().get("version").asLong());
            assertEquals("\"" + (1 + change) + "\"", answer.header("ETag"));
        }
        assertEquals("6", stored.item(id).orElseThrow().get("version").n());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.shopfront.products.InvalidFields#cases")
    void update_returns400NamingTheField_andChangesNothing(String label, String field, String rawValue, String kind) {
        // given
        String id = api.call(ProductEvents.createProduct(owner)).id();
        Map<String, AttributeValue> before = stored.item(id).orElseThrow();

        // when
        Answer answer = api.update(owner, id, raw(field, rawValue));

        // then
        assertProblem(answer, 400, kind, field);
        assertEquals(before, stored.item(id).orElseThrow(), "nothing changed");
    }

    @Test
    void update_returns400_forAnEmptyObject_andChangesNothing() {
        String id = api.call(ProductEvents.createProduct(owner)).id();
        Map<String, AttributeValue> before = stored.item(id).orElseThrow();

        Answer answer = api.update(owner, id, "{}");

        // API.md: validation errors name their fields; the rule fails each of the fields it offers.
        JsonNode problem = assertProblem(
                answer, 400, "validation-error", "name", "price", "currency", "description", "stock", "category");
        assertTrue(problem.get("detail").asText().contains("at least one"), answer::toString);
        assertEquals(before, stored.item(id).orElseThrow());
    }

    @Test
    void update_returns403_forAnotherUser_andChangesNothing() {
        String id = api.call(ProductEvents.createProduct(owner)).id();
        Map<String, AttributeValue> before = stored.item(id).orElseThrow();

        Answer answer = api.update(stranger, id, raw("name", string("Mine now")));

        assertProblem(answer, 403, "forbidden");
        assertEquals(before, stored.item(id).orElseThrow());
    }

    @Test
    void update_returns401_withoutTheAuthorizerContext_andChangesNothing() {
        String id = api.call(ProductEvents.createProduct(owner)).id();
        Map<String, AttributeValue> before = stored.item(id).orElseThrow();

        Answer answer = api.call(ProductEvents.updateProduct(id, owner).withoutCaller());

        assertProblem(answer, 401, "unauthorized");
        assertEquals(before, stored.item(id).orElseThrow());
    }

    @Test
    void update_returns401_whenTheCallersUserWasDeleted_andChangesNothing() {
        // given: a product whose owner has since been deleted, and the owner's token still cached
        String gone = ProductsApi.registerUser(db, "gone");
        String id = api.call(ProductEvents.createProduct(gone)).id();
        ProductsApi.deleteUser(db, gone);
        Map<String, AttributeValue> before = stored.item(id).orElseThrow();

        // when
        Answer answer = api.update(gone, id, raw("stock", "1"));

        // then
        assertProblem(answer, 401, "unauthorized");
        assertEquals(before, stored.item(id).orElseThrow());
    }

    @Test
    void update_returns404_whenTheProductIsUnknown_andCreatesNothing() {
        String id = UUID.randomUUID().toString();

        Answer answer = api.update(owner, id, raw("stock", "1"));

        assertProblem(answer, 404, "not-found");
        assertTrue(stored.item(id).isEmpty(), "an update never creates a product");
    }

    @Test
    void update_returns404_whenThePathIdIsNotAUuid() {
        assertProblem(api.update(owner, "not-a-uuid", raw("stock", "1")), 404, "not-found");
    }
}
