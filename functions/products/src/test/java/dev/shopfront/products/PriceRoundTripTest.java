package dev.shopfront.products;

import static dev.shopfront.devkit.testing.JsonBody.raw;
import static dev.shopfront.devkit.testing.JsonBody.string;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shopfront.devkit.testing.Answer;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Prices are kept exactly: the JSON number sent comes back as that number, and is stored as that DynamoDB number. */
class PriceRoundTripTest extends ProductsTestBed {
    /** The raw JSON text {@code "price":<price>} followed by the next property or the end of the object. */
    private static void assertPriceText(String price, Answer answer) {
        assertTrue(
                Pattern.compile("\"price\":" + Pattern.quote(price) + "[,}]")
                        .matcher(answer.body())
                        .find(),
                () -> "expected \"price\":" + price + " in " + answer);
    }

    private void assertStoredAsNumber(String price, String id) {
        AttributeValue stored = this.stored.item(id).orElseThrow().get("price");
        assertEquals(AttributeValue.Type.N, stored.type(), stored::toString);
        assertEquals(price, stored.n());
        assertNull(stored.s());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "0.1", "19.99", "1234.5", "10000000", "0.01", "9999999.99", "0.3"})
    void aPrice_comesBackExactlyThroughCreateGetAndList_andIsStoredAsThatNumber(String price) {
        // given: a category of its own, so the list holds just this product
        String category = "price-" + price.replace('.', '-');

        // when
        Answer created = api.create(
                owner,
                raw("name", string("Priced"), "price", price, "currency", string("EUR"), "category", string(category)));

        // then
        assertEquals(201, created.status(), created::toString);
        assertPriceText(price, created);
        assertPriceText(price, api.get(created.id()));
        Answer listed = api.list("category", category);
        assertEquals(1, listed.json().get("items").size(), listed::toString);
        assertPriceText(price, listed);
        assertStoredAsNumber(price, created.id());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "0.1", "19.99", "1234.5", "10000000"})
    void aPrice_comesBackExactlyThroughUpdate(String price) {
        String id = api.created(owner, raw("name", string("Repriced"), "price", "7", "currency", string("EUR")));

        Answer updated = api.update(owner, id, raw("price", price));

        assertEquals(200, updated.status(), updated::toString);
        assertPriceText(price, updated);
        assertPriceText(price, api.get(id));
        assertStoredAsNumber(price, id);
    }

    /** Other spellings of an allowed price are the same JSON number: each answer, the stored one included, says it the same way. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"1234.50, 1234.5", "19.990, 19.99", "1e7, 10000000", "1999e-2, 19.99", "5.00, 5", "0.0, 0"})
    void anotherSpellingOfAPrice_comesBackTheSameWayEverywhere(String sent, String expected) {
        String category = "spelling-" + expected.replace('.', '-');

        Answer created = api.create(
                owner,
                raw("name", string("Spelled"), "price", sent, "currency", string("EUR"), "category", string(category)));

        assertEquals(201, created.status(), created::toString);
        assertPriceText(expected, created);
        assertPriceText(expected, api.get(created.id()));
        assertPriceText(expected, api.list("category", category));
        assertStoredAsNumber(expected, created.id());
    }
}
