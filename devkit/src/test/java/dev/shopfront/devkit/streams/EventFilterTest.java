package dev.shopfront.devkit.streams;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shopfront.devkit.SamTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Lambda's event filtering, the subset the local event source implements, on stream records. */
class EventFilterTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static EventFilter filter(String... patterns) {
        ObjectNode criteria = JSON.createObjectNode();
        ArrayNode filters = criteria.putArray("Filters");
        for (String pattern : patterns) {
            filters.addObject().put("Pattern", pattern);
        }
        return EventFilter.of(criteria);
    }

    private static JsonNode record(String eventName, String email, int count) throws Exception {
        return JSON.readTree("""
            {"eventName": "%s", "eventSource": "aws:dynamodb",
             "dynamodb": {"Keys": {"id": {"S": "42"}},
                          "OldImage": {"email": {"S": "%s"}, "count": {"N": "%d"}, "tags": {"SS": ["red", "blue"]}}}}
            """.formatted(eventName, email, count));
    }

    @Test
    void theTemplatesFilter_letsOnlyRemovalsThrough() throws Exception {
        JsonNode event = SamTemplate.ofRepository()
                .function("UserCleanupFunction")
                .properties()
                .path("Events")
                .path("UserRemoved");
        EventFilter removals = EventFilter.of(event.path("Properties").path("FilterCriteria"));

        assertTrue(removals.matches(record("REMOVE", "a@example.com", 1)));
        assertFalse(removals.matches(record("INSERT", "a@example.com", 1)));
        assertFalse(removals.matches(record("MODIFY", "a@example.com", 1)));
        assertFalse(removals.matches(JSON.readTree("{}")));
    }

    @Test
    void noCriteria_matchesEverything() throws Exception {
        assertTrue(EventFilter.of(null).matches(record("INSERT", "a", 1)));
        assertTrue(EventFilter.of(JSON.missingNode()).matches(record("INSERT", "a", 1)));
        assertTrue(EventFilter.matchingAll().matches(JSON.readTree("{}")));
    }

    @Test
    void anyFilterMatching_isEnough_andEveryKeyOfOnePatternMustMatch() throws Exception {
        EventFilter either = filter(
                "{\"eventName\": [\"INSERT\"]}", "{\"eventName\": [\"REMOVE\"], \"eventSource\": [\"aws:dynamodb\"]}");
        EventFilter both = filter("{\"eventName\": [\"REMOVE\"], \"eventSource\": [\"aws:kinesis\"]}");

        assertTrue(either.matches(record("INSERT", "a", 1)));
        assertTrue(either.matches(record("REMOVE", "a", 1)));
        assertFalse(either.matches(record("MODIFY", "a", 1)));
        assertFalse(both.matches(record("REMOVE", "a", 1)));
    }

    @Test
    void nestedKeys_andOperators_matchAsLambdaDoes() throws Exception {
        JsonNode example = record("REMOVE", "ada@example.com", 7);

        assertTrue(filter("{\"dynamodb\": {\"OldImage\": {\"email\": {\"S\": [{\"prefix\": \"ada@\"}]}}}}")
                .matches(example));
        assertFalse(filter("{\"dynamodb\": {\"OldImage\": {\"email\": {\"S\": [{\"prefix\": \"bob@\"}]}}}}")
                .matches(example));
        assertTrue(filter("{\"dynamodb\": {\"OldImage\": {\"email\": {\"S\": [{\"suffix\": \".com\"}]}}}}")
                .matches(example));
        assertTrue(filter("{\"dynamodb\": {\"OldImage\": {\"email\": {\"S\": [{\"equals-ignore-case\":"
                        + " \"ADA@EXAMPLE.COM\"}]}}}}")
                .matches(example));
        assertTrue(filter("{\"dynamodb\": {\"OldImage\": {\"email\": [{\"exists\": true}]}}}")
                .matches(example));
        assertFalse(
                filter("{\"dynamodb\": {\"NewImage\": [{\"exists\": true}]}}").matches(example));
        assertTrue(
                filter("{\"dynamodb\": {\"NewImage\": [{\"exists\": false}]}}").matches(example));
        assertTrue(filter("{\"eventName\": [{\"anything-but\": [\"INSERT\", \"MODIFY\"]}]}")
                .matches(example));
        assertFalse(filter("{\"eventName\": [{\"anything-but\": \"REMOVE\"}]}").matches(example));
        assertTrue(
                filter("{\"dynamodb\": {\"OldImage\": {\"tags\": {\"SS\": [\"blue\"]}}}}")
                        .matches(example),
                "any element of an array");
        assertFalse(filter("{\"dynamodb\": {\"OldImage\": {\"tags\": {\"SS\": [\"green\"]}}}}")
                .matches(example));
        assertFalse(
                filter("{\"dynamodb\": {\"OldImage\": {\"count\": {\"N\": [7]}}}}")
                        .matches(example),
                "N holds a string: \"7\" is not 7");
        assertTrue(filter("{\"dynamodb\": {\"OldImage\": {\"count\": {\"N\": [\"7\"]}}}}")
                .matches(example));
        assertTrue(filter("{\"n\": [{\"numeric\": [\">\", 0, \"<=\", 5]}]}").matches(JSON.readTree("{\"n\": 5}")));
        assertFalse(filter("{\"n\": [{\"numeric\": [\">\", 0, \"<=\", 5]}]}").matches(JSON.readTree("{\"n\": 5.5}")));
        assertTrue(filter("{\"n\": [5]}").matches(JSON.readTree("{\"n\": 5.0}")), "numbers compare as numbers");
        assertTrue(filter("{\"n\": [null]}").matches(JSON.readTree("{\"n\": null}")));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "not json",
                "[\"REMOVE\"]",
                "{\"eventName\": \"REMOVE\"}",
                "{\"eventName\": [{\"wildcard\": \"R*\"}]}",
                "{\"eventName\": [{\"prefix\": 1}]}",
                "{\"eventName\": [{\"prefix\": \"R\", \"suffix\": \"E\"}]}",
                "{\"n\": [{\"numeric\": [\">\"]}]}"
            })
    void aPatternThisCannotApplyExactly_isRefusedWhenRead(String pattern) {
        assertThrows(IllegalArgumentException.class, () -> filter(pattern));
    }
}
