package dev.shopfront.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shopfront.schema.ImportError;
import dev.shopfront.schema.ImportOut;
import dev.shopfront.schema.ProductOut;
import dev.shopfront.schema.ProductPage;
import dev.shopfront.schema.TokenOut;
import dev.shopfront.schema.UserOut;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Responses are written without databind (docs/decisions.md, "Responses and events without databind"): every
 * response type must come out exactly as databind wrote it before, property order, nulls and numbers included.
 */
class PlainJsonTest {
    private static final String ID = "3f0c9a52-6a0e-4c39-9d0e-0c3c1a6f2b11";
    private static final String TEXT = "Caf\u00e9 \"quoted\" \\ \u2028 \uD83D\uDE00 <tag> \u0000";

    static Stream<Object> responses() {
        ProductOut full = new ProductOut(
                ID,
                ID,
                TEXT,
                TEXT,
                new BigDecimal("10000000"),
                "EUR",
                9_007_199_254_740_993L,
                "shoes",
                "2026-11-27T05:00:00.000Z",
                "2026-11-27T05:00:00.001Z",
                12);
        ProductOut sparse = new ProductOut(
                ID,
                ID,
                "n",
                null,
                new BigDecimal("0.10"),
                "JPY",
                0,
                null,
                "2026-11-27T05:00:00.000Z",
                "2026-11-27T05:00:00.000Z",
                1);
        return Stream.of(
                full,
                sparse,
                new ProductOut(ID, ID, "n", "d", new BigDecimal("1E+7"), "USD", 1, "c", "t", "t", 1),
                new ProductPage(List.of(full, sparse), "cursor.sig"),
                new ProductPage(List.of(), null),
                new UserOut(ID, "a@example.com", TEXT, "2026-11-27T05:00:00.000Z", "2026-11-27T05:00:00.000Z"),
                TokenOut.bearer("header.payload.signature", 3600),
                new ImportOut(
                        ID,
                        ID,
                        ImportOut.DONE,
                        3,
                        1,
                        2,
                        List.of(new ImportError(0, "price", "must be greater than 0"), new ImportError(2, null, TEXT)),
                        "t",
                        "t"),
                new ImportOut(ID, ID, ImportOut.PENDING, 1, 0, 0, List.of(), "t", "t"),
                Map.of("id", ID));
    }

    @ParameterizedTest
    @MethodSource("responses")
    void writes_eachResponseAsDatabindDid(Object response) throws IOException {
        assertEquals(Json.MAPPER.writeValueAsString(response), PlainJson.write(response));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void writes_aProblemInRfc9457Order_withErrorsOnlyWhenThereAreSome(boolean withErrors) {
        Problem problem = Problem.of(
                ProblemType.VALIDATION,
                TEXT,
                "/products",
                null,
                withErrors ? List.of(new FieldError("name", "must not be blank")) : List.of());

        assertEquals(
                "{\"type\":\"" + ProblemType.VALIDATION.type() + "\",\"title\":\"" + ProblemType.VALIDATION.title()
                        + "\",\"status\":400,\"detail\":" + Json.MAPPER.valueToTree(TEXT)
                        + ",\"instance\":\"/products\","
                        + "\"requestId\":null"
                        + (withErrors ? ",\"errors\":[{\"field\":\"name\",\"message\":\"must not be blank\"}]" : "")
                        + "}",
                PlainJson.write(problem.fields()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "null", "\"text\"", "{\"a\":", ""})
    void readObject_refusesAnythingButOneObject(String json) {
        assertThrows(
                IOException.class,
                () -> PlainJson.readObject(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))));
    }
}
