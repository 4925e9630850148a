package dev.shopfront.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.shopfront.devkit.RepoRoot;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The functions' logs as the local API runs them (docs/operating.md), over every route driven with known
 * secret values: no password, token, {@code Authorization} value, body or email address in any line; one
 * line per request, which is both its access line and its EMF document; and every EMF document valid
 * against the format's rules.
 */
class FunctionLogsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Schema EMF = emfSchema();

    private static final String EMAIL =
            "Secret.Person+" + UUID.randomUUID().toString().substring(0, 8) + "@Example.com";
    private static final String PASSWORD =
            "Pa55-SECRET-word-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String NEW_PASSWORD =
            "New-SECRET-pass-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String DESCRIPTION =
            "BODY-SECRET-" + UUID.randomUUID().toString().substring(0, 8);

    private static LocalApi api;
    private static List<String> lines;
    private static final Set<String> secrets = new HashSet<>();
    private static int requests;

    @BeforeAll
    static void driveEveryRoute() throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream out = System.out;
        PrintStream err = System.err;
        PrintStream both = new PrintStream(captured, true, StandardCharsets.UTF_8);
        System.setOut(both);
        System.setErr(both);
        try {
            api = LocalApi.start(
                    new LocalOptions(0, 0, 0, null, null, RepoRoot.find().resolve("template.yaml")));
            JsonNode user = json(send(
                    "POST",
                    "/users",
                    "{\"email\":\"" + EMAIL + "\",\"password\":\"" + PASSWORD + "\",\"name\":\"Ada\"}",
                    null,
                    201));
            String id = user.get("id").asText();
            send(
                    "POST",
                    "/auth/token",
                    "{\"email\":\"" + EMAIL + "\",\"password\":\"wrong-" + PASSWORD + "\"}",
                    null,
                    401);
            String token = json(send(
                            "POST",
                            "/auth/token",
                            "{\"email\":\"" + EMAIL + "\",\"password\":\"" + PASSWORD + "\"}",
                            null,
                            200))
                    .get("accessToken")
                    .asText();
            secrets.add(token);
            secrets.add(token.substring(token.lastIndexOf('.') + 1));
            send("GET", "/users/" + id, null, token, 200);
            send("GET", "/users/me", null, token, 200);
            send("PATCH", "/users/" + id, "{\"password\":\"" + NEW_PASSWORD + "\"}", token, 200);
            send("POST", "/users", "{\"email\":\"" + EMAIL + "\",\"password\":\"" + PASSWORD + "\"}", null, 409);
            JsonNode product = json(send(
                    "POST",
                    "/products",
                    "{\"name\":\"Trail shoe\",\"description\":\"" + DESCRIPTION
                            + "\",\"price\":19.99,\"currency\":\"EUR\",\"stock\":3,\"category\":\"shoes\"}",
                    token,
                    201));
            String productId = product.get("id").asText();
            send("GET", "/products/" + productId, null, null, 200);
            send("GET", "/products?category=shoes", null, null, 200);
            send("PATCH", "/products/" + productId, "{\"description\":\"" + DESCRIPTION + "-2\"}", token, 200);
            send(
                    "POST",
                    "/products",
                    "{\"name\":\"" + DESCRIPTION + "\",\"price\":-1,\"currency\":\"EUR\"}",
                    token,
                    400);
            String importId = json(send(
                            "POST",
                            "/products/imports",
                            "{\"items\":[{\"name\":\"Sock\",\"description\":\"" + DESCRIPTION
                                    + "\",\"price\":2,\"currency\":\"EUR\"}]}",
                            token,
                            202))
                    .get("id")
                    .asText();
            // done before the user goes: an import whose owner is deleted first creates nothing
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!json(send("GET", "/products/imports/" + importId, null, token, 200))
                    .path("status")
                    .asText()
                    .equals("done")) {
                assertTrue(System.nanoTime() < deadline, "the import was not done within 10 s");
                Thread.sleep(50);
            }
            send("DELETE", "/products/" + productId, null, token, 204);
            send("DELETE", "/users/" + id, null, token, 204);
            // the triggers (import queue, clean-up stream) run within seconds
            Thread.sleep(4_000);
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        lines = captured.toString(StandardCharsets.UTF_8).lines().toList();
        secrets.add(PASSWORD);
        secrets.add(NEW_PASSWORD);
        secrets.add(DESCRIPTION);
        secrets.add(EMAIL);
        secrets.add(EMAIL.toLowerCase(Locale.ROOT));
        secrets.add(EMAIL.substring(0, EMAIL.indexOf('@')).toLowerCase(Locale.ROOT));
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void noLine_holdsAPasswordTokenBodyOrEmailAddress() {
        assertFalse(lines.isEmpty());
        for (String line : lines) {
            for (String secret : secrets) {
                assertFalse(line.contains(secret), "a log line holds a secret value: " + line);
            }
            assertFalse(
                    line.toLowerCase(Locale.ROOT).contains("bearer "),
                    "a log line holds an Authorization value: " + line);
        }
    }

    @Test
    void everyRequest_hasOneLine_withItsAccessFields_andItsMetricsPerRoute() throws Exception {
        List<JsonNode> access = new ArrayList<>();
        for (JsonNode line : functionLines()) {
            if ("request".equals(line.path("message").asText())) {
                access.add(line);
            }
        }
        assertEquals(requests, access.size(), "access lines: " + access);
        for (JsonNode line : access) {
            for (String field : List.of(
                    "timestamp",
                    "level",
                    "requestId",
                    "route",
                    "method",
                    "status",
                    "durationMs",
                    "coldStart",
                    "functionName")) {
                assertTrue(line.has(field), field + " missing: " + line);
            }
            assertTrue(line.has("_aws"), "the access line is the request's EMF document too: " + line);
            assertEquals(line.get("route").asText(), line.path("Route").asText(), line::toString);
            assertTrue(line.path("Latency").isNumber(), line::toString);
        }
        assertTrue(access.stream()
                .anyMatch(l -> l.get("status").asInt() == 409
                        && l.get("route").asText().equals("POST /users")));
    }

    @Test
    void everyEmfLine_isValidEmbeddedMetricFormat_withItsMembersAtTheRoot() throws Exception {
        int checked = 0;
        for (JsonNode line : functionLines()) {
            if (!line.has("_aws")) {
                continue;
            }
            List<Error> errors = EMF.validate(line.toString(), InputFormat.JSON);
            assertEquals(List.of(), errors.stream().map(Error::toString).toList(), line.toString());
            for (JsonNode directive : line.get("_aws").get("CloudWatchMetrics")) {
                for (JsonNode set : directive.get("Dimensions")) {
                    set.forEach(d -> assertTrue(
                            line.path(d.asText()).isTextual(),
                            "dimension " + d + " is not a string at the root: " + line));
                }
                directive
                        .get("Metrics")
                        .forEach(m -> assertTrue(
                                line.path(m.get("Name").asText()).isNumber(),
                                "metric " + m + " has no number at the root: " + line));
            }
            checked++;
        }
        assertTrue(checked >= requests, "EMF lines: " + checked);
        assertTrue(
                functionLines().stream()
                        .filter(l -> l.has("_aws"))
                        .allMatch(l -> l.path("message").asText().equals("request")
                                || l.path("message").asText().equals("batch")),
                "every EMF document is an invocation's access or batch line, none a line of its own");
        assertTrue(
                functionLines().stream().anyMatch(l -> l.path("UsersCleanedUp").asInt() == 1),
                "the clean-up counted the user");
        assertTrue(
                functionLines().stream()
                        .anyMatch(l -> l.path("ImportItemsCreated").asInt() == 1),
                "the import counted its item");
    }

    private static List<JsonNode> functionLines() throws IOException {
        List<JsonNode> json = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("{")) {
                json.add(JSON.readTree(line));
            }
        }
        return json;
    }

    private static String send(String method, String path, String body, String token, int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path))
                .timeout(Duration.ofSeconds(30))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        requests++;
        assertEquals(expected, response.statusCode(), method + " " + path + ": " + response.body());
        return response.body();
    }

    private static JsonNode json(String body) throws IOException {
        return JSON.readTree(body);
    }

    private static Schema emfSchema() {
        try (InputStream in = FunctionLogsTest.class.getClassLoader().getResourceAsStream("emf/emf-schema.json")) {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(in, InputFormat.JSON);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
