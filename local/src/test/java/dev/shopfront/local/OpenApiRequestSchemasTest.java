package dev.shopfront.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import dev.shopfront.http.RequestBodies;
import dev.shopfront.http.RequestRejectedException;
import dev.shopfront.schema.UserCreate;
import dev.shopfront.schema.UserUpdate;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * openapi.yaml's request schemas and the handlers' own validation (the records' rules, read
 * through RequestBodies) accept and reject the same bodies, so the document cannot drift from the code.
 */
class OpenApiRequestSchemasTest {
    private static final JsonNode OPEN_API = RepoFiles.openApi();
    // OpenAPI 3.1's schema dialect is JSON Schema 2020-12, where format is only an annotation
    // unless asserted: the contract makes email a rule, so assert it.
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(
                    SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
    private static final Schema USER_CREATE = componentSchema("UserCreate");
    private static final Schema USER_UPDATE = componentSchema("UserUpdate");

    static Stream<Arguments> createBodies() {
        return Stream.of(
                accepted("{\"email\":\"ada@example.com\",\"password\":\"correct horse battery\",\"name\":\"Ada"
                        + " Lovelace\"}"),
                accepted("{\"email\":\"Ada@Example.COM\",\"password\":\"12345678\"}"),
                accepted(create(email(254), "12345678", null)),
                // An internationalized address: format idn-email, as the server takes it.
                accepted(create("\u00fcber@ex\u00e4mple.com", "12345678", null)),
                accepted(create("ada@example.com", "p".repeat(128), "n".repeat(100))),
                rejected("{\"password\":\"correct horse battery\"}"),
                rejected("{\"email\":\"ada@example.com\"}"),
                rejected(create("ada@example.com", "1234567", null)),
                rejected(create("ada@example.com", "p".repeat(129), null)),
                rejected(create(email(255), "12345678", null)),
                rejected(create("not-an-email", "12345678", null)),
                rejected(create("ada@example.com", "12345678", "")),
                rejected(create("ada@example.com", "12345678", "n".repeat(101))),
                rejected("{\"email\":42,\"password\":\"12345678\"}"),
                rejected("{\"email\":\"ada@example.com\",\"password\":\"12345678\",\"role\":\"admin\"}"));
    }

    static Stream<Arguments> updateBodies() {
        return Stream.of(
                accepted("{\"name\":\"Augusta Ada King\"}"),
                accepted("{\"email\":\"ada@example.org\"}"),
                accepted("{\"password\":\"correct horse battery\"}"),
                accepted("{\"email\":\"ada@example.org\",\"password\":\"12345678\",\"name\":\"Ada\"}"),
                rejected("{}"),
                rejected("{\"nickname\":\"Ada\"}"),
                rejected("{\"name\":\"\"}"),
                rejected("{\"password\":\"short\"}"),
                rejected("{\"email\":\"nope\"}"),
                rejected("{\"name\":7}"));
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("createBodies")
    void createBody_isJudgedAlikeByOpenApiAndHandlers(String body, String verdict) {
        assertEquals(verdict, openApiVerdict(USER_CREATE, body), "openapi.yaml UserCreate");
        assertEquals(verdict, handlerVerdict(body, UserCreate.class), "POST /users validation");
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("updateBodies")
    void updateBody_isJudgedAlikeByOpenApiAndHandlers(String body, String verdict) {
        assertEquals(verdict, openApiVerdict(USER_UPDATE, body), "openapi.yaml UserUpdate");
        assertEquals(verdict, handlerVerdict(body, UserUpdate.class), "PATCH /users/{id} validation");
    }

    private static String openApiVerdict(Schema schema, String body) {
        return schema.validate(body, InputFormat.JSON).isEmpty() ? "accepted" : "rejected";
    }

    private static String handlerVerdict(String body, Class<?> type) {
        try {
            RequestBodies.read("application/json", body.getBytes(StandardCharsets.UTF_8), type);
            return "accepted";
        } catch (RequestRejectedException e) {
            return e.kind().status() == 400
                    ? "rejected"
                    : "answered " + e.kind().status();
        }
    }

    /** A schema of components/schemas, with the document's components beside it so its $refs resolve. */
    private static Schema componentSchema(String name) {
        ObjectNode wrapper = RepoFiles.JSON
                .createObjectNode()
                .put("$schema", SpecificationVersion.DRAFT_2020_12.getDialectId())
                .put("$ref", "#/components/schemas/" + name);
        wrapper.set("components", OPEN_API.path("components"));
        return REGISTRY.getSchema(wrapper.toString(), InputFormat.JSON);
    }

    /** An address of exactly {@code length} characters that is otherwise valid: 64-character local part, labels under 64. */
    private static String email(int length) {
        String local = "a".repeat(64) + "@";
        String tail = ".example.com";
        int middle = length - local.length() - tail.length();
        StringBuilder domain = new StringBuilder();
        while (middle > 0) {
            int label = Math.min(middle, 63);
            if (middle - label == 1) {
                label--; // never leave a lone dot with no label after it
            }
            domain.append("b".repeat(label));
            middle -= label;
            if (middle > 0) {
                domain.append('.');
                middle--;
            }
        }
        return local + domain + tail;
    }

    private static String create(String email, String password, String name) {
        ObjectNode body = RepoFiles.JSON.createObjectNode().put("email", email).put("password", password);
        if (name != null) {
            body.put("name", name);
        }
        return body.toString();
    }

    private static Arguments accepted(String body) {
        return Arguments.of(body, "accepted");
    }

    private static Arguments rejected(String body) {
        return Arguments.of(body, "rejected");
    }
}
