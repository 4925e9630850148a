package dev.shopfront.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.POJONode;
import dev.shopfront.schema.ImportItemDeserializer;
import dev.shopfront.schema.ImportItemDeserializer.UnreadableItem;
import dev.shopfront.schema.ImportRequest;
import dev.shopfront.schema.ProductCreate;
import dev.shopfront.schema.UserCreate;
import dev.shopfront.schema.UserUpdate;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class RequestBodiesTest {
    private static final String JSON = "application/json";
    private static final String VALID =
            "{\"email\":\"ada@example.com\",\"password\":\"correct horse\",\"name\":\"Ada\"}";

    @Test
    void read_returnsTheNormalizedRecord() {
        UserCreate user = read(
                JSON,
                "{\"email\":\"  Ada@Example.COM \",\"password\":\"correct horse\",\"name\":\"  Ada  \"}",
                UserCreate.class);

        assertEquals("ada@example.com", user.email());
        assertEquals("correct horse", user.password());
        assertEquals("Ada", user.name());
    }

    @Test
    void read_trimsNoBreakSpacesToo_soANameOfThemIsEmpty() {
        UserCreate user = read(
                JSON,
                "{\"email\":\"\u00a0Ada@Example.COM\u202f\",\"password\":\"correct"
                        + " horse\",\"name\":\"\u2007Ada\u00a0\"}",
                UserCreate.class);

        assertEquals("ada@example.com", user.email());
        assertEquals("Ada", user.name());
        assertEquals(
                List.of("name"),
                fields(rejected(
                        JSON,
                        "{\"email\":\"ada@example.com\",\"password\":\"correct horse\",\"name\":\"\u00a0\u00a0\"}",
                        UserCreate.class)));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "application/json",
                "application/json; charset=utf-8",
                "Application/JSON;charset=UTF-8",
                " application/json "
            })
    void read_acceptsJsonContentTypes(String contentType) {
        assertEquals(
                "ada@example.com", read(contentType, VALID, UserCreate.class).email());
    }

    @ParameterizedTest(name = "{0}")
    @NullSource
    @ValueSource(
            strings = {
                "text/plain",
                "application/x-www-form-urlencoded",
                "application/json-patch+json",
                "application/jsonp",
                ""
            })
    void read_rejects415_whenContentTypeIsNotJson(String contentType) {
        RequestRejectedException rejected = rejected(contentType, VALID, UserCreate.class);

        assertEquals(ProblemType.UNSUPPORTED_MEDIA_TYPE, rejected.kind());
    }

    @Test
    void read_rejects400_whenBodyIsMissingOrEmpty() {
        assertEquals(
                ProblemType.INVALID_BODY,
                assertThrows(RequestRejectedException.class, () -> RequestBodies.read(JSON, null, UserCreate.class))
                        .kind());
        assertEquals(
                ProblemType.INVALID_BODY, rejected(JSON, "", UserCreate.class).kind());
    }

    @Test
    void read_rejects413_whenBodyIsOver64KiB_andAcceptsExactly64KiB() {
        String exactly = VALID.substring(0, VALID.length() - 1) + " ".repeat(64 * 1024 - VALID.length()) + "}";
        assertEquals(64 * 1024, exactly.getBytes(StandardCharsets.UTF_8).length);

        assertEquals("ada@example.com", read(JSON, exactly, UserCreate.class).email());
        assertEquals(
                ProblemType.PAYLOAD_TOO_LARGE,
                rejected(JSON, exactly + " ", UserCreate.class).kind());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"[]", "[" + VALID + "]", "\"ada@example.com\"", "42", "true", "null"})
    void read_rejects400InvalidBody_whenJsonValueIsNotAnObject(String body) {
        RequestRejectedException rejected = rejected(JSON, body, UserCreate.class);

        assertEquals(ProblemType.INVALID_BODY, rejected.kind());
        assertEquals(List.of(), rejected.errors());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "{\"email\":\"ada@example.com\",\"password\":",
                "{email:\"ada@example.com\"}",
                "{\"email\":\"a@example.com\",\"email\":\"b@example.com\",\"password\":\"correct horse\"}",
                VALID + " {}",
                VALID + "x",
                VALID + VALID,
                "nope"
            })
    void read_rejects400MalformedJson(String body) {
        RequestRejectedException rejected = rejected(JSON, body, UserCreate.class);

        assertEquals(ProblemType.MALFORMED_JSON, rejected.kind());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"UTF-16", "UTF-16LE", "UTF-16BE", "UTF-32", "UTF-32LE"})
    void read_rejects400MalformedJson_forABodyInAnotherEncodingThanUtf8(String charset) {
        // The parser would detect each of these and read it (all but UTF-16 without a byte order mark).
        byte[] body = VALID.getBytes(Charset.forName(charset));

        RequestRejectedException rejected =
                assertThrows(RequestRejectedException.class, () -> RequestBodies.read(JSON, body, UserCreate.class));

        assertEquals(ProblemType.MALFORMED_JSON, rejected.kind());
        assertEquals("The body must be JSON in UTF-8", rejected.getMessage());
    }

    @Test
    void read_takesUtf8_withItsByteOrderMark() {
        byte[] body = ("\uFEFF" + VALID).getBytes(StandardCharsets.UTF_8);

        assertEquals(
                "ada@example.com",
                RequestBodies.read(JSON, body, UserCreate.class).email());
    }

    @Test
    void read_rejects400NamingTheProperty_whenPropertyIsUnknown() {
        RequestRejectedException rejected = rejected(
                JSON,
                "{\"email\":\"ada@example.com\",\"password\":\"correct horse\",\"isAdmin\":true}",
                UserCreate.class);

        assertEquals(ProblemType.INVALID_BODY, rejected.kind());
        assertEquals(List.of("isAdmin"), fields(rejected));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "{\"email\":42,\"password\":\"correct horse\"}",
                "{\"email\":true,\"password\":\"correct horse\"}",
                "{\"email\":[\"ada@example.com\"],\"password\":\"correct horse\"}",
                "{\"email\":{\"address\":\"ada@example.com\"},\"password\":\"correct horse\"}"
            })
    void read_rejects400NamingTheField_whenPropertyHasWrongJsonType(String body) {
        RequestRejectedException rejected = rejected(JSON, body, UserCreate.class);

        assertEquals(ProblemType.INVALID_BODY, rejected.kind());
        assertEquals(List.of("email"), fields(rejected));
        assertEquals("must be a string", rejected.errors().get(0).message());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "product name      | {\"name\":null,\"price\":1,\"currency\":\"EUR\"}                          | name "
                        + "       | must be a string",
                "product desc.     | {\"name\":\"Trowel\",\"description\":null,\"price\":1,\"currency\":\"EUR\"} |"
                        + " description | must be a string",
                "product price     | {\"name\":\"Trowel\",\"price\":null,\"currency\":\"EUR\"}                | price "
                        + "      | must be a number",
                "product stock     | {\"name\":\"Trowel\",\"price\":1,\"currency\":\"EUR\",\"stock\":null}      |"
                        + " stock       | must be an integer",
                "product category  | {\"name\":\"Trowel\",\"price\":1,\"currency\":\"EUR\",\"category\":null}   |"
                        + " category    | must be a string",
            })
    void read_rejects400NamingTheField_whenAPropertyIsNull(String what, String body, String field, String message) {
        RequestRejectedException rejected = rejected(JSON, body, ProductCreate.class);

        assertEquals(ProblemType.INVALID_BODY, rejected.kind());
        assertEquals(List.of(new FieldError(field, message)), rejected.errors());
    }

    @Test
    void read_rejects400_whenAnOptionalUserFieldIsNull_butTakesItLeftOut() {
        RequestRejectedException created = rejected(
                JSON, "{\"email\":\"ada@example.com\",\"password\":\"correct horse\",\"name\":null}", UserCreate.class);
        RequestRejectedException updated = rejected(JSON, "{\"email\":null}", UserUpdate.class);

        assertEquals(List.of(new FieldError("name", "must be a string")), created.errors());
        assertEquals(List.of(new FieldError("email", "must be a string")), updated.errors());
        assertNull(read(JSON, "{\"email\":\"ada@example.com\",\"password\":\"correct horse\"}", UserCreate.class)
                .name());
    }

    @Test
    void read_neverRepeatsALibraryMessage() {
        for (String body : List.of("{\"email\":42}", "{\"x\":1}", "{\"email\":", "[1]")) {
            RequestRejectedException rejected = rejected(JSON, body, UserCreate.class);
            String said = rejected.getMessage() + rejected.errors();
            assertFalse(
                    said.contains("Cannot deserialize")
                            || said.contains("com.fasterxml")
                            || said.contains("Unexpected")
                            || said.contains("dev.shopfront")
                            || said.contains("line:"),
                    said);
        }
    }

    @Test
    void read_rejects400WithOneEntryPerFailedField_inFieldOrder() {
        RequestRejectedException rejected = rejected(
                JSON,
                "{\"email\":\"not-an-address\",\"password\":\"short\",\"name\":\"" + "n".repeat(101) + "\"}",
                UserCreate.class);

        assertEquals(ProblemType.VALIDATION, rejected.kind());
        assertEquals(List.of("email", "name", "password"), fields(rejected));
    }

    @Test
    void read_rejects400WithEveryFailedField_whenOneHasTheWrongTypeAndOthersAreUnknownOrInvalid() {
        RequestRejectedException rejected = rejected(
                JSON, "{\"email\":42,\"password\":\"short\",\"name\":\"\",\"isAdmin\":true}", UserCreate.class);

        assertEquals(ProblemType.INVALID_BODY, rejected.kind());
        assertEquals(
                List.of(
                        new FieldError("email", "must be a string"),
                        new FieldError("isAdmin", "is not a known property"),
                        new FieldError("name", "must be 1 to 100 characters after trimming"),
                        new FieldError("password", "must be 8 to 128 characters")),
                rejected.errors());
    }

    @Test
    void read_rejects400WithEveryFailedField_ofAProduct() {
        RequestRejectedException rejected = rejected(
                JSON,
                "{\"name\":5,\"price\":\"19.99\",\"currency\":\"usd\",\"stock\":1.5,\"category\":\"Shoes\"}",
                ProductCreate.class);

        assertEquals(ProblemType.INVALID_BODY, rejected.kind());
        assertEquals(List.of("category", "currency", "name", "price", "stock"), fields(rejected));
    }

    @Test
    void read_namesEveryUnknownProperty() {
        RequestRejectedException rejected =
                rejected(JSON, "{\"role\":1,\"name\":\"Ada\",\"admin\":true,\"x\":null}", UserUpdate.class);

        assertEquals(ProblemType.INVALID_BODY, rejected.kind());
        assertEquals(
                List.of(
                        new FieldError("admin", "is not a known property"),
                        new FieldError("role", "is not a known property"),
                        new FieldError("x", "is not a known property")),
                rejected.errors());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"12.0,12", "1.2e1,12", "1E3,1000", "1e9,1000000000", "0.0,0", "-0.0,0", "1200e-2,12"})
    void read_takesAWholeNumberWrittenWithAFractionOrAnExponent_asAnInteger(String written, long stock) {
        ProductCreate product = read(
                JSON,
                "{\"name\":\"x\",\"price\":1,\"currency\":\"EUR\",\"stock\":" + written + "}",
                ProductCreate.class);

        assertEquals(stock, product.stock());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "1.5,must be an integer",
        "1.25e1,must be an integer",
        "1e-1,must be an integer",
        "1.0e10,must be from 0 to 1000000000",
        "1e50,is out of range",
        "1e400,is out of range",
        "-1.0,must be from 0 to 1000000000"
    })
    void read_refusesANumberThatIsNotAWholeNumberInRange_forAnInteger(String written, String message) {
        RequestRejectedException rejected = rejected(
                JSON,
                "{\"name\":\"x\",\"price\":1,\"currency\":\"EUR\",\"stock\":" + written + "}",
                ProductCreate.class);

        assertEquals(List.of(new FieldError("stock", message)), rejected.errors());
    }

    @Test
    void read_reportsARequiredFieldOfTheWrongTypeOnce_andTheMissingOnesToo() {
        RequestRejectedException rejected = rejected(JSON, "{\"email\":42}", UserCreate.class);

        assertEquals(
                List.of(new FieldError("email", "must be a string"), new FieldError("password", "is required")),
                rejected.errors());
    }

    @Test
    void read_doesNotAskForAtLeastOneField_whenTheOneGivenHasTheWrongType() {
        RequestRejectedException rejected = rejected(JSON, "{\"name\":false}", UserUpdate.class);

        assertEquals(List.of(new FieldError("name", "must be a string")), rejected.errors());
    }

    @Test
    void read_listsAValueRefusedWhileBindingBesideTheValidationErrors() {
        RequestRejectedException rejected = rejected(
                JSON,
                "{\"email\":\"ada@example.com\",\"password\":\"\\ud800 horse shoe\",\"name\":\"\"}",
                UserCreate.class);

        assertEquals(ProblemType.VALIDATION, rejected.kind());
        assertEquals(List.of("name", "password"), fields(rejected));
        assertEquals(
                ScalarTextDeserializer.NOT_UNICODE, rejected.errors().get(1).message());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "{\"email\":42,\"password\":",
                "{\"email\":42,\"password\":\"correct horse\",\"password\":\"battery staple\"}",
                "{\"email\":42,\"password\":\"correct horse\"} {}"
            })
    void read_rejects400MalformedJson_foundAfterAPropertyOfTheWrongType(String body) {
        assertEquals(
                ProblemType.MALFORMED_JSON,
                rejected(JSON, body, UserCreate.class).kind());
    }

    @Test
    void read_rejects400_whenRequiredFieldsAreMissing() {
        RequestRejectedException rejected = rejected(JSON, "{}", UserCreate.class);

        assertEquals(ProblemType.VALIDATION, rejected.kind());
        assertEquals(List.of("email", "password"), fields(rejected));
        assertEquals("is required", rejected.errors().get(0).message());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "ada.example.com",
                "ada@example",
                "ada@@example.com",
                "ada@.example.com",
                "ada@example..com",
                "ada @example.com",
                "@example.com",
                "ada@example.com.",
                "ada@exa\u00a0mple.com",
                "ada\u00a0lovelace@example.com",
                "ada\u200b@example.com",
                "ada\u202e@example.com",
                "ada@example\u2028.com",
                "ada\\u0007@example.com",
                "ada\\ufffd@example.com"
            })
    void read_rejectsInvalidEmails(String email) {
        RequestRejectedException rejected =
                rejected(JSON, "{\"email\":\"" + email + "\",\"password\":\"correct horse\"}", UserCreate.class);

        assertEquals(ProblemType.VALIDATION, rejected.kind());
        assertEquals(List.of("email"), fields(rejected));
    }

    @Test
    void read_countsPasswordAndNameLengthInCharactersNotBytes() {
        // 8 characters, 16 UTF-8 bytes; a 100-character name of two-byte letters
        UserCreate user = read(
                JSON,
                "{\"email\":\"ada@example.com\",\"password\":\"ääääääää\",\"name\":\"" + "é".repeat(100) + "\"}",
                UserCreate.class);

        assertEquals(8, user.password().length());
        assertEquals(100, user.name().length());
    }

    @Test
    void read_rejectsEmptyUpdate_withAnObjectLevelDetail_andEachFieldItNames() {
        RequestRejectedException rejected = rejected(JSON, "{}", UserUpdate.class);

        assertEquals(ProblemType.VALIDATION, rejected.kind());
        assertEquals("give at least one of email, password, name", rejected.getMessage());
        assertEquals(
                List.of(
                        new FieldError("email", "give at least one of email, password, name"),
                        new FieldError("password", "give at least one of email, password, name"),
                        new FieldError("name", "give at least one of email, password, name")),
                rejected.errors());
    }

    @Test
    void read_acceptsPartialUpdate() {
        UserUpdate update = read(JSON, "{\"name\":\" Ada \"}", UserUpdate.class);

        assertEquals("Ada", update.name());
        assertNull(update.email());
        assertNull(update.password());
        assertTrue(update.hasAnyField());
    }

    @Test
    void read_takesTheRoutesOwnLimit_andLeavesTheUsualOneAlone() {
        String padded = VALID.substring(0, VALID.length() - 1) + " ".repeat(100 * 1024) + "}";
        byte[] body = padded.getBytes(StandardCharsets.UTF_8);

        assertEquals(
                "ada@example.com",
                RequestBodies.read(JSON, body, UserCreate.class, 1024 * 1024).email());
        assertEquals(
                ProblemType.PAYLOAD_TOO_LARGE,
                rejected(JSON, padded, UserCreate.class).kind());
        assertEquals(
                ProblemType.PAYLOAD_TOO_LARGE,
                assertThrows(
                                RequestRejectedException.class,
                                () -> RequestBodies.read(JSON, body, UserCreate.class, body.length - 1))
                        .kind());
    }

    /** A number whose exponent is beyond what a BigDecimal holds: JSON allows it, the parser cannot read it. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"name\":\"x\",\"price\":1,\"currency\":\"EUR\",\"stock\":1e-2147483648}|stock",
                "{\"name\":\"x\",\"price\":0e-2147483648,\"currency\":\"EUR\"}|price",
                "{\"name\":\"x\",\"price\":1.5e-2147483647,\"currency\":\"EUR\"}|price",
                "{\"name\":9e-2147483649,\"price\":1,\"currency\":\"EUR\"}|name",
                "{\"name\":\"x\",\"price\":1,\"currency\":\"EUR\",\"x\":1e-2147483649}|x"
            })
    void read_rejects400NamingTheField_forANumberWhoseExponentIsBeyondReach(String body, String field) {
        RequestRejectedException rejected = rejected(JSON, body, ProductCreate.class);

        assertEquals(List.of(new FieldError(field, BoundedDecimalDeserializer.OUT_OF_RANGE)), rejected.errors());
    }

    @Test
    void read_keepsAnImport_andStandsAnUnreadableItemIn_forANumberWhoseExponentIsBeyondReach() {
        ImportRequest read = read(
                JSON,
                "{\"items\":[{\"name\":\"x\",\"price\":1,\"currency\":\"EUR\"},{\"price\":1e999999999999,"
                        + "\"name\":\"y\"},{\"name\":\"z\"}]}",
                ImportRequest.class);

        // The item is failed on its own (API.md: an invalid item does not fail the request); the next is read.
        assertEquals(3, read.items().size());
        assertEquals(
                new POJONode(new UnreadableItem("price", ImportItemDeserializer.Reason.OUT_OF_RANGE)),
                read.items().get(1));
        assertEquals("z", read.items().get(2).get("name").asText());
    }

    /** Nested deeper than the parser reads: the document is refused as a whole, naming no field and no wrong reason. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"arrays", "objects"})
    void read_rejects400InvalidBody_nestedDeeperThanTheParserReads_inABodyAndInAnImportItem(String kind) {
        String deep = kind.equals("arrays")
                ? "[".repeat(1000) + "]".repeat(1000)
                : "{\"a\":".repeat(1000) + "1" + "}".repeat(1000);
        String item = "{\"name\":\"a\",\"price\":1,\"currency\":\"EUR\"}";
        for (String body : List.of(
                "{\"email\":\"ada@example.com\",\"password\":\"correct horse\",\"x\":" + deep + "}",
                "{\"items\":[" + item + ",{\"name\":\"a\",\"x\":" + deep + "}]}")) {
            Class<?> type = body.startsWith("{\"items\"") ? ImportRequest.class : UserCreate.class;

            RequestRejectedException rejected = assertThrows(
                    RequestRejectedException.class,
                    () -> RequestBodies.read(JSON, body.getBytes(StandardCharsets.UTF_8), type, 1024 * 1024));

            assertEquals(ProblemType.INVALID_BODY, rejected.kind());
            assertEquals("The body nests arrays or objects more than 1000 levels deep", rejected.getMessage());
            assertEquals(List.of(), rejected.errors());
        }
    }

    @Test
    void read_namesAnArrayPropertyOfTheWrongType() {
        RequestRejectedException rejected = rejected(JSON, "{\"items\":\"x\"}", ImportRequest.class);

        assertEquals(List.of("items"), fields(rejected));
        assertEquals("must be an array", rejected.errors().get(0).message());
    }

    @Test
    void bind_returnsTheValidRecord() throws Exception {
        RequestBodies.Binding<UserCreate> bound = RequestBodies.bind(Json.MAPPER.readTree(VALID), UserCreate.class);

        assertTrue(bound.valid());
        assertEquals("ada@example.com", bound.value().email());
        assertEquals(List.of(), bound.errors());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "{\"email\":\"ada@example.com\",\"password\":\"correct horse\",\"isAdmin\":true}",
                "{\"email\":42,\"password\":\"correct horse\"}",
                "{\"email\":\"not-an-address\",\"password\":\"short\",\"name\":\"\"}",
                "{}",
                "{\"password\":\"correct horse\"}"
            })
    void bind_returnsTheErrorsReadThrows_forTheSameJson(String json) throws Exception {
        RequestBodies.Binding<UserCreate> bound = RequestBodies.bind(Json.MAPPER.readTree(json), UserCreate.class);

        assertFalse(bound.valid());
        assertEquals(rejected(JSON, json, UserCreate.class).errors(), bound.errors());
    }

    @Test
    void bind_returnsEveryFailedField_ofAnImportItem() throws Exception {
        RequestBodies.Binding<ProductCreate> bound = RequestBodies.bind(
                Json.MAPPER.readTree("{\"name\":5,\"price\":-1,\"currency\":\"EUR\",\"colour\":\"red\"}"),
                ProductCreate.class);

        assertEquals(
                List.of(
                        new FieldError("colour", "is not a known property"),
                        new FieldError("name", "must be a string"),
                        new FieldError("price", "must be from 0 to 10000000")),
                bound.errors());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"[]", "\"text\"", "42", "true", "null"})
    void bind_returnsOneErrorWithoutAField_forAValueThatIsNotAnObject(String json) throws Exception {
        RequestBodies.Binding<UserCreate> bound = RequestBodies.bind(Json.MAPPER.readTree(json), UserCreate.class);

        assertEquals(List.of(new FieldError(null, "must be a JSON object")), bound.errors());
    }

    @Test
    void bind_returnsTheAtLeastOneRuleOnEachFieldItNames() throws Exception {
        RequestBodies.Binding<UserUpdate> bound = RequestBodies.bind(Json.MAPPER.readTree("{}"), UserUpdate.class);

        assertEquals(
                List.of("email", "password", "name"),
                bound.errors().stream().map(FieldError::field).toList());
    }

    private static <T> T read(String contentType, String body, Class<T> type) {
        return RequestBodies.read(contentType, body.getBytes(StandardCharsets.UTF_8), type);
    }

    private static RequestRejectedException rejected(String contentType, String body, Class<?> type) {
        return assertThrows(RequestRejectedException.class, () -> read(contentType, body, type));
    }

    private static List<String> fields(RequestRejectedException rejected) {
        return rejected.errors().stream().map(FieldError::field).toList();
    }
}
