package dev.shopfront.products;

import static dev.shopfront.devkit.testing.ProblemAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shopfront.devkit.junit.TestDynamoDb;
import dev.shopfront.devkit.testing.Answer;
import dev.shopfront.devkit.testing.InjectedFailure;
import dev.shopfront.devkit.testing.MutableClock;
import dev.shopfront.schema.ProductCreate;
import dev.shopfront.service.CursorCodec;
import dev.shopfront.service.ProductService;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** A cursor continues only the list that issued it: edited, truncated, forged or foreign cursors are 400 naming "cursor". */
class ListCursorTest extends ProductsTestBed {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    private static final List<String> GARDEN = new ArrayList<>();
    private static final List<String> KITCHEN = new ArrayList<>();

    @BeforeAll
    static void seed(TestDynamoDb db) {
        String owner = ProductsApi.registerUser(db, "owner");
        MutableClock clock = MutableClock.at("2026-11-24T22:11:28.123Z");
        ProductService products = ProductsApi.over(db, db.client(), clock).service();
        for (int i = 0; i < 5; i++) {
            for (String category : new String[] {"garden", "kitchen", null}) {
                clock.advance(Duration.ofMillis(1));
                String id = products.create(
                                owner, new ProductCreate("Product " + i, BigDecimal.ONE, "EUR", null, null, category))
                        .id();
                if ("garden".equals(category)) {
                    GARDEN.add(id);
                } else if ("kitchen".equals(category)) {
                    KITCHEN.add(id);
                }
            }
        }
    }

    /** The nextCursor of the first page of two of {@code category} (null: the unfiltered list). */
    private String cursorOf(String category) {
        Answer first = category == null ? api.list("limit", "2") : api.list("category", category, "limit", "2");
        assertEquals(200, first.status(), first::toString);
        String cursor = first.json().get("nextCursor").asText(null);
        assertTrue(cursor != null && !cursor.isEmpty(), first::toString);
        return cursor;
    }

    private Answer gardenPageAfter(String cursor) {
        return api.list("category", "garden", "limit", "2", "cursor", cursor);
    }

    private static void assertRefused(Answer answer) {
        assertProblem(answer, 400, "invalid-parameter", "cursor");
    }

    @Test
    void aCursor_continuesTheListThatIssuedIt() {
        Answer second = gardenPageAfter(cursorOf("garden"));

        assertEquals(200, second.status(), second::toString);
        List<String> ids = new ArrayList<>();
        second.json().get("items").forEach(item -> ids.add(item.get("id").asText()));
        assertEquals(GARDEN.reversed().subList(2, 4), ids);
    }

    @Test
    void aCursor_withAnyOneCharacterChanged_isRefused() {
        // given: a cursor the server issued, payload and signature
        String cursor = cursorOf("garden");

        // when / then: every position, changed to its neighbour in the alphabet (one bit) and to a far character
        for (int position = 0; position < cursor.length(); position++) {
            int i = position;
            char original = cursor.charAt(i);
            int index = BASE64URL.indexOf(original);
            char[] replacements = index < 0
                    ? new char[] {'A', '-'}
                    : new char[] {BASE64URL.charAt(index ^ 1), BASE64URL.charAt((index + 32) % 64)};
            for (char each : replacements) {
                char replacement = each;
                String edited = cursor.substring(0, i) + replacement + cursor.substring(i + 1);
                Answer answer = gardenPageAfter(edited);
                assertEquals(
                        400,
                        answer.status(),
                        () -> "position " + i + " of " + cursor.length() + " changed to '" + replacement
                                + "' was accepted: " + answer);
                assertRefused(answer);
            }
        }
    }

    @Test
    void aTruncatedOrExtendedCursor_isRefused() {
        String cursor = cursorOf("garden");
        int dot = cursor.indexOf('.');

        for (String edited : List.of(
                cursor.substring(0, cursor.length() - 1),
                cursor.substring(0, cursor.length() - 4),
                cursor.substring(1),
                cursor.substring(0, dot + 1),
                cursor.substring(0, dot),
                cursor.substring(dot),
                cursor.substring(dot + 1),
                cursor + "A",
                cursor + "." + cursor.substring(dot + 1),
                cursor + "=")) {
            assertRefused(gardenPageAfter(edited));
        }
    }

    @Test
    void aCursorWithItsPositionRewritten_isRefused() throws Exception {
        // given: the payload decoded, pointed at another product, encoded again; the old signature kept
        String cursor = cursorOf("garden");
        int dot = cursor.indexOf('.');
        ObjectNode payload = (ObjectNode) JSON.readTree(Base64.getUrlDecoder().decode(cursor.substring(0, dot)));
        ((ObjectNode) payload.get("k")).put("id", GARDEN.getFirst());
        String rewritten = Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(payload))
                + cursor.substring(dot);

        assertRefused(gardenPageAfter(rewritten));
    }

    @Test
    void aCursorSignedWithAnotherKey_isRefused() {
        // given: a well-formed cursor for this very list and position, signed with a key the server does not hold
        byte[] otherKey = new byte[32];
        new SecureRandom().nextBytes(otherKey);
        String cursor = cursorOf("garden");
        String payload = new String(
                Base64.getUrlDecoder().decode(cursor.substring(0, cursor.indexOf('.'))), StandardCharsets.UTF_8);
        Map<String, String> position = new LinkedHashMap<>();
        try {
            JSON.readTree(payload)
                    .get("k")
                    .properties()
                    .forEach(p -> position.put(p.getKey(), p.getValue().asText()));
        } catch (Exception e) {
            throw new AssertionError("the cursor's payload is not the JSON it used to be: " + payload, e);
        }
        String forged = new CursorCodec(otherKey).encode("category:garden", position);

        assertRefused(gardenPageAfter(forged));
    }

    @Test
    void aCursorFromAnotherCategory_isRefused() {
        assertRefused(gardenPageAfter(cursorOf("kitchen")));
        assertRefused(api.list("category", "kitchen", "cursor", cursorOf("garden")));
    }

    @Test
    void aCursorOfTheUnfilteredList_isRefusedByACategory_andTheOtherWayRound() {
        assertRefused(gardenPageAfter(cursorOf(null)));
        assertRefused(api.list("cursor", cursorOf("garden")));
        assertRefused(api.list("limit", "2", "cursor", cursorOf("kitchen")));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "abc",
                "null",
                ".",
                "..",
                "a.b",
                "{}",
                "eyJsIjoiYWxsIiwiayI6e319",
                "eyJsIjoiYWxsIiwiayI6e319.",
                "6f1c2a3e-8d4b-4c5a-9e7f-0a1b2c3d4e5f",
                " ",
                "%2E"
            })
    void aRandomString_isRefused(String cursor) {
        assertRefused(gardenPageAfter(cursor));
        assertRefused(api.list("cursor", cursor));
    }

    @Test
    void aRandomBase64Cursor_isRefused() {
        byte[] noise = new byte[96];
        new SecureRandom().nextBytes(noise);
        String random = Base64.getUrlEncoder().withoutPadding().encodeToString(noise);

        assertRefused(gardenPageAfter(random));
        assertRefused(gardenPageAfter(random.substring(0, 50) + "." + random.substring(50)));
    }

    @Test
    void aRefusedCursor_isRefusedBeforeAnyRead() {
        // given: a store that fails every call, so any read would be a 500
        InjectedFailure outage = InjectedFailure.outage();
        String cursor = cursorOf("garden");
        try (DynamoDbClient failing = db.clientBuilder()
                .overrideConfiguration(o -> o.addExecutionInterceptor(outage))
                .build()) {
            ProductsApi cutOff = ProductsApi.over(db, failing, MutableClock.at("2026-11-24T22:11:28.123Z"));

            // when
            Answer answer = cutOff.list("category", "kitchen", "cursor", cursor);

            // then
            assertRefused(answer);
            assertEquals(0, outage.failures(), "no DynamoDB call was made");
        }
    }

    @Test
    void theLastPage_hasANullCursor_andTheWalkIsComplete() {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        JsonNode page;
        do {
            page = (cursor == null
                            ? api.list("category", "kitchen", "limit", "2")
                            : api.list("category", "kitchen", "limit", "2", "cursor", cursor))
                    .json();
            page.get("items").forEach(item -> seen.add(item.get("id").asText()));
            cursor = page.get("nextCursor").asText(null);
        } while (cursor != null);

        assertEquals(KITCHEN.reversed(), seen);
    }
}
