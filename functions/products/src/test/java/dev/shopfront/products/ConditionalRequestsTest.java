package dev.shopfront.products;

import static dev.shopfront.devkit.testing.JsonBody.raw;
import static dev.shopfront.devkit.testing.JsonBody.string;
import static dev.shopfront.devkit.testing.ProblemAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shopfront.devkit.testing.Answer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** {@code If-Match: "<version>"} on PATCH and DELETE: a stale or unusable version is 412 and nothing changes. */
class ConditionalRequestsTest extends ProductsTestBed {
    /** A product at version 2: created, then changed once. */
    private String productAtVersion2() {
        String id = api.call(ProductEvents.createProduct(owner)).id();
        Answer changed = api.update(owner, id, raw("stock", "3"));
        assertEquals("\"2\"", changed.header("ETag"), changed::toString);
        return id;
    }

    private Answer patch(String id, String ifMatch, String body) {
        return api.call(ProductEvents.updateProduct(id, owner)
                .header("If-Match", ifMatch)
                .body(body));
    }

    private Answer delete(String id, String ifMatch) {
        return api.call(ProductEvents.deleteProduct(id, owner).header("If-Match", ifMatch));
    }

    @Test
    void patch_returns412_withAStaleVersion_andChangesNothing() {
        // given
        String id = productAtVersion2();
        Map<String, AttributeValue> before = stored.item(id).orElseThrow();

        // when: a client that last saw version 1
        Answer answer = patch(id, "\"1\"", raw("name", string("Stale edit")));

        // then
        assertProblem(answer, 412, "precondition-failed");
        assertEquals(before, stored.item(id).orElseThrow(), "version, fields and all");
        assertEquals("2", stored.item(id).orElseThrow().get("version").n());
    }

    @Test
    void patch_returns412_withAVersionNotReachedYet_andChangesNothing() {
        String id = productAtVersion2();
        Map<String, AttributeValue> before = stored.item(id).orElseThrow();

        assertProblem(patch(id, "\"3\"", raw("stock", "1")), 412, "precondition-failed");
        assertEquals(before, stored.item(id).orElseThrow());
    }

    @Test
    void delete_returns412_withAStaleVersion_andKeepsTheProduct() {
        String id = productAtVersion2();
        Map<String, AttributeValue> before = stored.item(id).orElseThrow();

        Answer answer = delete(id, "\"1\"");

        assertProblem(answer, 412, "precondition-failed");
        assertEquals(before, stored.item(id).orElseThrow());
        assertEquals(200, api.get(id).status());
    }

    @Test
    void patch_applies_withTheCurrentVersion() {
        String id = productAtVersion2();

        Answer answer = patch(id, "\"2\"", raw("name", string("Fresh edit")));

        assertEquals(200, answer.status(), answer::toString);
        assertEquals("\"3\"", answer.header("ETag"));
        assertEquals("Fresh edit", answer.json().get("name").asText());
        assertEquals(3, answer.json().get("version").asLong());
    }

    @Test
    void patch_applies_withTheETagAGetAnswered() {
        String id = productAtVersion2();
        String etag = api.get(id).header("ETag");

        Answer answer = patch(id, etag, raw("stock", "40"));

        assertEquals(200, answer.status(), answer::toString);
        assertEquals(40, answer.json().get("stock").asLong());
    }

    @Test
    void delete_applies_withTheCurrentVersion() {
        String id = productAtVersion2();

        Answer answer = delete(id, "\"2\"");

        assertEquals(204, answer.status(), answer::toString);
        assertTrue(stored.item(id).isEmpty());
    }

    @Test
    void patch_applies_withAStar() {
        String id = productAtVersion2();

        Answer answer = patch(id, "*", raw("stock", "8"));

        assertEquals(200, answer.status(), answer::toString);
        assertEquals("\"3\"", answer.header("ETag"));
        assertEquals(8, answer.json().get("stock").asLong());
    }

    @Test
    void delete_applies_withAStar() {
        String id = productAtVersion2();

        assertEquals(204, delete(id, "*").status());
        assertTrue(stored.item(id).isEmpty());
    }

    /** An If-Match list (RFC 9110), or two headers API Gateway joins with a comma: any strong tag may match. */
    @ParameterizedTest
    @ValueSource(strings = {"\"1\", \"2\"", "\"2\",\"3\"", "W/\"2\", \"2\"", " \"7\" , , \"2\" "})
    void patch_applies_withAListThatNamesTheCurrentVersion(String ifMatch) {
        String id = productAtVersion2();

        Answer answer = patch(id, ifMatch, raw("stock", "9"));

        assertEquals(200, answer.status(), answer::toString);
        assertEquals("\"3\"", answer.header("ETag"));
    }

    @Test
    void delete_applies_withAListThatNamesTheCurrentVersion() {
        String id = productAtVersion2();

        assertEquals(204, delete(id, "\"5\", \"2\"").status());
        assertTrue(stored.item(id).isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"1\", \"3\"", "W/\"2\", W/\"1\"", "\"1\", 2", "\"2\", *", "\"2\", \"02\""})
    void patch_returns412_withAListThatNamesNoCurrentVersionOrHoldsAMalformedTag_andChangesNothing(String ifMatch) {
        String id = productAtVersion2();
        Map<String, AttributeValue> before = stored.item(id).orElseThrow();

        assertProblem(patch(id, ifMatch, raw("stock", "1")), 412, "precondition-failed");
        assertEquals(before, stored.item(id).orElseThrow());
    }

    @Test
    void patch_returns412_withAListOfMoreThan100Versions_evenIfOneIsCurrent() {
        String id = productAtVersion2();
        StringBuilder list = new StringBuilder("\"2\"");
        for (int version = 3; version <= 102; version++) {
            list.append(", \"").append(version).append('"');
        }

        assertProblem(patch(id, list.toString(), raw("stock", "1")), 412, "precondition-failed");
        assertEquals("2", stored.item(id).orElseThrow().get("version").n());
    }

    /**
     * Values no version can match: unquoted (even the current one), weak, not a number, empty, and the
     * current number spelled otherwise than its ETag (entity tags compare as strings: "02" is not "2").
     */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "2",
                "3",
                "W/\"2\"",
                "W/\"1\"",
                "\"two\"",
                "\"\"",
                "\"2",
                "\"-1\"",
                "\"99999999999999999999\"",
                "\"02\"",
                "\"002\"",
                "\"+2\"",
                "\"0\""
            })
    void patch_returns412_withAMalformedIfMatch_andChangesNothing(String ifMatch) {
        String id = productAtVersion2();
        Map<String, AttributeValue> before = stored.item(id).orElseThrow();

        Answer answer = patch(id, ifMatch, raw("stock", "1"));

        assertProblem(answer, 412, "precondition-failed");
        assertEquals(before, stored.item(id).orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2", "3", "W/\"2\"", "W/\"1\"", "\"two\"", "\"\"", "\"02\"", "\"002\""})
    void delete_returns412_withAMalformedIfMatch_andKeepsTheProduct(String ifMatch) {
        String id = productAtVersion2();
        Map<String, AttributeValue> before = stored.item(id).orElseThrow();

        Answer answer = delete(id, ifMatch);

        assertProblem(answer, 412, "precondition-failed");
        assertEquals(before, stored.item(id).orElseThrow());
    }
}
