package dev.shopfront.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shopfront.schema.ProductCreate;
import dev.shopfront.schema.ProductUpdate;
import dev.shopfront.schema.TokenRequest;
import dev.shopfront.schema.UserCreate;
import dev.shopfront.schema.UserUpdate;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Values of the right JSON type that nothing may compute with: numbers out of all proportion, which
 * once cost seconds of CPU each, and strings that are not Unicode. Each is refused while the body is
 * bound, as a validation error naming its field.
 */
class BoundedValuesTest {
    private static final String JSON = "application/json";
    private static final String PRODUCT = "{\"name\":\"x\",\"price\":%s,\"currency\":\"EUR\"}";
    private static final String STOCK = "{\"name\":\"x\",\"price\":1,\"currency\":\"EUR\",\"stock\":%s}";
    /** Generous for a refusal that costs microseconds, and far below the seconds the unbounded numbers cost. */
    private static final long BUDGET_MILLIS = 50;

    @BeforeAll
    static void warmUpTheBindingWithAnotherShape() {
        // The first body bound pays for class loading and validator metadata; a valid body of another
        // shape takes that cost, so what is measured below is the refusal itself.
        RequestBodies.read(
                JSON, bytes("{\"email\":\"ada@example.com\",\"password\":\"correct horse\"}"), UserCreate.class);
    }

    static Stream<Arguments> hostileNumbers() {
        String zeros = "0".repeat(5_000);
        return Stream.of(
                Arguments.of("price 1e30000000", PRODUCT.formatted("1e30000000"), "price"),
                Arguments.of("price 1e10000000", PRODUCT.formatted("1e10000000"), "price"),
                Arguments.of("price -1e10000000", PRODUCT.formatted("-1e10000000"), "price"),
                Arguments.of("price 1E+2147483647", PRODUCT.formatted("1E+2147483647"), "price"),
                Arguments.of("price 1e-30000000", PRODUCT.formatted("1e-30000000"), "price"),
                Arguments.of("price -1e-10000000", PRODUCT.formatted("-1e-10000000"), "price"),
                Arguments.of("price 0.000...1 (5000 zeros)", PRODUCT.formatted("0." + zeros + "1"), "price"),
                Arguments.of("price of 5000 digits", PRODUCT.formatted("9".repeat(5_000)), "price"),
                Arguments.of("price 1 then 5000 zeros", PRODUCT.formatted("1" + zeros), "price"),
                Arguments.of("price 1.0...0 (5000 zeros)", PRODUCT.formatted("1." + zeros), "price"),
                Arguments.of("stock of 5000 digits", STOCK.formatted("9".repeat(5_000)), "stock"),
                Arguments.of("stock of 30 digits", STOCK.formatted("9".repeat(30)), "stock"),
                Arguments.of("stock -(30 digits)", STOCK.formatted("-" + "9".repeat(30)), "stock"));
    }

    @ParameterizedTest(name = "POST /products {0}")
    @MethodSource("hostileNumbers")
    void create_refusesANumberOutOfAllProportion_namingTheField_inMilliseconds(
            String label, String body, String field) {
        assertRefusedQuickly(body, ProductCreate.class, field);
    }

    @ParameterizedTest(name = "PATCH /products {0}")
    @MethodSource("hostileNumbers")
    void update_refusesANumberOutOfAllProportion_namingTheField_inMilliseconds(
            String label, String body, String field) {
        // The update body: the same numbers without the create's required fields.
        String partial = body.replace("\"name\":\"x\",", "").replace(",\"currency\":\"EUR\"", "");
        if (field.equals("stock")) {
            partial = partial.replace("\"price\":1,", "");
        }
        assertRefusedQuickly(partial, ProductUpdate.class, field);
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "1e7, 10000000",
        "1E+7, 10000000",
        "10000000.00, 10000000",
        "19.990, 19.99",
        "0.01, 0.01",
        "0, 0",
        "0e30000000, 0",
        "0e-30000000, 0",
        "-0.0, 0",
        "1234.50, 1234.5",
        "1.5e-1, 0.15"
    })
    void create_stillTakesEverySpellingOfAPriceInRange(String spelling, String plain) {
        assertEquals(
                plain,
                read(PRODUCT.formatted(spelling), ProductCreate.class).price().toPlainString());
    }

    @Test
    void create_refusesOneDigitPastTheNumberLength_andTakesExactlyIt() {
        String longest = "1." + "0".repeat(Json.MAX_NUMBER_LENGTH - 1);

        assertEquals(
                new BigDecimal("1"),
                read(PRODUCT.formatted(longest), ProductCreate.class).price());
        RequestRejectedException refused = rejected(PRODUCT.formatted(longest + "0"), ProductCreate.class);
        assertEquals(ProblemType.VALIDATION, refused.kind());
        assertEquals(List.of(new FieldError("price", RequestBodies.TOO_LONG)), refused.errors());
    }

    @Test
    void create_refusesAHugeExponentAsOutOfRange_withTheFieldsMessage() {
        RequestRejectedException refused = rejected(PRODUCT.formatted("1e30000000"), ProductCreate.class);

        assertEquals(ProblemType.VALIDATION, refused.kind());
        assertEquals(List.of(new FieldError("price", "is out of range")), refused.errors());
    }

    static Stream<Arguments> everyStringField() {
        return Stream.of(
                Arguments.of(UserCreate.class, "{\"email\":%s,\"password\":\"correct horse\"}", "email"),
                Arguments.of(UserCreate.class, "{\"email\":\"ada@example.com\",\"password\":%s}", "password"),
                Arguments.of(
                        UserCreate.class,
                        "{\"email\":\"ada@example.com\",\"password\":\"correct horse\",\"name\":%s}",
                        "name"),
                Arguments.of(UserUpdate.class, "{\"email\":%s}", "email"),
                Arguments.of(UserUpdate.class, "{\"password\":%s}", "password"),
                Arguments.of(UserUpdate.class, "{\"name\":%s}", "name"),
                Arguments.of(TokenRequest.class, "{\"email\":%s,\"password\":\"correct horse\"}", "email"),
                Arguments.of(TokenRequest.class, "{\"email\":\"ada@example.com\",\"password\":%s}", "password"),
                Arguments.of(ProductCreate.class, "{\"name\":%s,\"price\":1,\"currency\":\"EUR\"}", "name"),
                Arguments.of(ProductCreate.class, "{\"name\":\"x\",\"price\":1,\"currency\":%s}", "currency"),
                Arguments.of(
                        ProductCreate.class,
                        "{\"name\":\"x\",\"price\":1,\"currency\":\"EUR\",\"description\":%s}",
                        "description"),
                Arguments.of(
                        ProductCreate.class,
                        "{\"name\":\"x\",\"price\":1,\"currency\":\"EUR\",\"category\":%s}",
                        "category"),
                Arguments.of(ProductUpdate.class, "{\"name\":%s}", "name"),
                Arguments.of(ProductUpdate.class, "{\"currency\":%s}", "currency"),
                Arguments.of(ProductUpdate.class, "{\"description\":%s}", "description"),
                Arguments.of(ProductUpdate.class, "{\"category\":%s}", "category"));
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("everyStringField")
    void read_refusesALoneSurrogate_inEveryStringField(Class<?> type, String template, String field) {
        for (String lone : List.of(
                "\"x\\ud800y@example.com\"",
                "\"x\\udbffy@example.com\"",
                "\"\\udc00 trailing low\"",
                "\"ends with high \\ud83d\"",
                "\"pair reversed \\ude00\\ud83d\"")) {
            RequestRejectedException refused = rejected(template.formatted(lone), type);

            assertEquals(ProblemType.VALIDATION, refused.kind(), lone);
            assertEquals(List.of(new FieldError(field, ScalarTextDeserializer.NOT_UNICODE)), refused.errors(), lone);
        }
    }

    @Test
    void read_takesSurrogatePairs_escapedOrNot() {
        UserCreate escaped = read(
                "{\"email\":\"ada@example.com\",\"password\":\"correct horse\",\"name\":\"Ada \\ud83d\\ude00\"}",
                UserCreate.class);
        UserCreate raw = read(
                "{\"email\":\"ada@example.com\",\"password\":\"correct horse\",\"name\":\"Ada \uD83D\uDE00\"}",
                UserCreate.class);

        assertEquals("Ada \uD83D\uDE00", escaped.name());
        assertEquals(escaped.name(), raw.name());
    }

    @Test
    void isScalarValues_findsEveryLoneSurrogate() {
        assertTrue(ScalarTextDeserializer.isScalarValues(""));
        assertTrue(ScalarTextDeserializer.isScalarValues("plain \uD83D\uDE00 \uD800\uDC00"));
        for (String bad : List.of("\uD800", "\uDC00", "a\uD800", "\uDFFFa", "\uD800\uD800\uDC00x\uDC00", "\uDBFF")) {
            assertEquals(false, ScalarTextDeserializer.isScalarValues(bad), Arrays.toString(bad.toCharArray()));
        }
    }

    private static void assertRefusedQuickly(String body, Class<?> type, String field) {
        long[] millis = new long[3];
        for (int i = 0; i < millis.length; i++) {
            // Preemptive: before the bounds, one of these bodies took 17 seconds.
            millis[i] = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
                long started = System.nanoTime();
                RequestRejectedException refused = rejected(body, type);
                long took = (System.nanoTime() - started) / 1_000_000;
                assertEquals(ProblemType.VALIDATION, refused.kind(), refused::getMessage);
                assertEquals(
                        List.of(field),
                        refused.errors().stream().map(FieldError::field).toList());
                return took;
            });
        }
        Arrays.sort(millis);
        assertTrue(millis[1] < BUDGET_MILLIS, "median " + millis[1] + " ms, runs " + Arrays.toString(millis));
    }

    private static <T> T read(String body, Class<T> type) {
        return RequestBodies.read(JSON, bytes(body), type);
    }

    private static RequestRejectedException rejected(String body, Class<?> type) {
        return assertThrows(RequestRejectedException.class, () -> read(body, type));
    }

    private static byte[] bytes(String body) {
        return body.getBytes(StandardCharsets.UTF_8);
    }
}
