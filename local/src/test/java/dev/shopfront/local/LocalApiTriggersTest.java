package dev.shopfront.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shopfront.devkit.RepoRoot;
import dev.shopfront.service.ProductImporter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The event-driven paths end to end, as a client meets them through the local API: an import goes
 * through the real queue (ElasticMQ) and its SQS trigger; deleting a user reaches the clean-up
 * function through the local change stream and its DynamoDB trigger.
 */
class LocalApiTriggersTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final List<String> TRIGGER_LOG = new CopyOnWriteArrayList<>();
    private static LocalApi api;

    @BeforeAll
    static void startLocalApi() {
        api = LocalApi.start(
                new LocalOptions(0, 0, 0, null, null, RepoRoot.find().resolve("template.yaml")),
                (function, source, records, failures, millis, error) ->
                        TRIGGER_LOG.add(function + " " + records + " " + failures));
    }

    @AfterAll
    static void stopLocalApi() {
        api.close();
    }

    @Test
    void import_of45ItemsWith3Invalid_isDoneWith42ProductsListedByOwner() throws Exception {
        String[] user = signUpAndSignIn();
        String owner = user[0];
        String token = user[1];
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < 45; i++) {
            String item = switch (i) {
                case 7 -> "{\"name\":\"\",\"price\":1,\"currency\":\"EUR\"}";
                case 20 -> "{\"name\":\"Bad price\",\"price\":1.999,\"currency\":\"EUR\"}";
                case 33 -> "{\"name\":\"Bad currency\",\"price\":1,\"currency\":\"euro\"}";
                default ->
                    "{\"name\":\"Item " + i + "\",\"price\":" + i
                            + ".5,\"currency\":\"EUR\",\"category\":\"imported\"}";
            };
            items.append(i == 0 ? "" : ",").append(item);
        }

        HttpResponse<String> accepted = send("POST", "/products/imports", "{\"items\":[" + items + "]}", token);

        assertEquals(202, accepted.statusCode(), accepted.body());
        JsonNode started = JSON.readTree(accepted.body());
        assertEquals(
                "/products/imports/" + started.path("id").asText(),
                accepted.headers().firstValue("location").orElseThrow());
        assertEquals(45, started.path("total").asInt());
        JsonNode done =
                awaitDone(accepted.headers().firstValue("location").orElseThrow(), token, Duration.ofSeconds(10));
        assertEquals(42, done.path("created").asInt());
        assertEquals(3, done.path("failed").asInt());
        Set<String> failed = new HashSet<>();
        done.path("errors")
                .forEach(error -> failed.add(
                        error.path("index").asInt() + ":" + error.path("field").asText()));
        assertEquals(Set.of("7:name", "20:price", "33:currency"), failed);
        assertEquals(42, listAll("/products?ownerId=" + owner).size());
        assertTrue(
                TRIGGER_LOG.stream().anyMatch(line -> line.startsWith("ImportProductsFunction ")),
                TRIGGER_LOG.toString());
    }

    @Test
    void deletingAUser_removesEveryOneOfTheirProductsWithin10Seconds_andNobodyElses() throws Exception {
        String[] leaving = signUpAndSignIn();
        String[] staying = signUpAndSignIn();
        List<String> theirs = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            theirs.add(createProduct(leaving[1], "leaving-" + i));
        }
        String kept = createProduct(staying[1], "staying");

        HttpResponse<String> deleted = send("DELETE", "/users/" + leaving[0], null, leaving[1]);

        assertEquals(204, deleted.statusCode());
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!listAll("/products?ownerId=" + leaving[0]).isEmpty()) {
            assertTrue(System.nanoTime() < deadline, "products still listed 10 s after the delete");
            Thread.sleep(50);
        }
        for (String id : theirs) {
            assertEquals(404, send("GET", "/products/" + id, null, null).statusCode());
        }
        Set<String> everywhere = new HashSet<>(listAll("/products"));
        theirs.forEach(id -> assertTrue(!everywhere.contains(id), id + " is still in the unfiltered list"));
        assertEquals(200, send("GET", "/products/" + kept, null, null).statusCode());
        assertTrue(
                TRIGGER_LOG.stream().anyMatch(line -> line.startsWith("UserCleanupFunction ")), TRIGGER_LOG.toString());
    }

    @Test
    void deletingAUserWhileTheirImportRuns_leavesNoneOfItsProducts() throws Exception {
        String[] leaving = signUpAndSignIn();
        int logged = TRIGGER_LOG.size();
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            items.append(i == 0 ? "" : ",")
                    .append("{\"name\":\"Orphan ")
                    .append(i)
                    .append("\",\"price\":1,\"currency\":\"EUR\",\"category\":\"orphans\"}");
        }
        HttpResponse<String> accepted = send("POST", "/products/imports", "{\"items\":[" + items + "]}", leaving[1]);
        assertEquals(202, accepted.statusCode(), accepted.body());
        String importId = JSON.readTree(accepted.body()).path("id").asText();

        // the import's messages are still being consumed when the user goes
        assertEquals(
                204, send("DELETE", "/users/" + leaving[0], null, leaving[1]).statusCode());

        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!listAll("/products?ownerId=" + leaving[0]).isEmpty()
                || !listAll("/products?category=orphans").isEmpty()) {
            assertTrue(System.nanoTime() < deadline, "products of the import still listed 10 s after the delete");
            Thread.sleep(100);
        }
        // and none comes back once the consumer has taken all 40 messages of 25 items
        while (consumedMessagesSince(logged) < 40) {
            assertTrue(System.nanoTime() < deadline, "the import's messages not consumed 10 s after the delete");
            Thread.sleep(100);
        }
        assertEquals(List.of(), listAll("/products?ownerId=" + leaving[0]));
        assertEquals(List.of(), listAll("/products?category=orphans"));
        for (int index = 0; index < 1000; index++) {
            String id = ProductImporter.productId(importId, index);
            assertEquals(404, send("GET", "/products/" + id, null, null).statusCode(), id);
        }
    }

    /** Import messages the consumer took without reporting them failed, since the log held {@code from} lines. */
    private static int consumedMessagesSince(int from) {
        int consumed = 0;
        for (String line : TRIGGER_LOG.subList(from, TRIGGER_LOG.size())) {
            String[] parts = line.split(" ");
            if (parts[0].equals("ImportProductsFunction")) {
                consumed += Integer.parseInt(parts[1]) - Integer.parseInt(parts[2]);
            }
        }
        return consumed;
    }

    private static JsonNode awaitDone(String location, String token, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            HttpResponse<String> read = send("GET", location, null, token);
            assertEquals(200, read.statusCode(), read.body());
            JsonNode state = JSON.readTree(read.body());
            if (state.path("status").asText().equals("done")) {
                return state;
            }
            assertEquals("pending", state.path("status").asText());
            assertTrue(System.nanoTime() < deadline, "not done within " + within + ": " + state);
            Thread.sleep(50);
        }
    }

    /** Every id of a list, walking its pages of 100. */
    private static List<String> listAll(String path) throws Exception {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            String page = path + (path.contains("?") ? "&" : "?") + "limit=100"
                    + (cursor == null
                            ? ""
                            : "&cursor=" + java.net.URLEncoder.encode(cursor, java.nio.charset.StandardCharsets.UTF_8));
            HttpResponse<String> read = send("GET", page, null, null);
            assertEquals(200, read.statusCode(), read.body());
            JsonNode body = JSON.readTree(read.body());
            body.path("items").forEach(item -> ids.add(item.path("id").asText()));
            cursor = body.path("nextCursor").isNull()
                    ? null
                    : body.path("nextCursor").asText();
        } while (cursor != null);
        return ids;
    }

    private static String createProduct(String token, String name) throws Exception {
        HttpResponse<String> created = send(
                "POST",
                "/products",
                "{\"name\":\"" + name + "\",\"price\":9.99,\"currency\":\"EUR\",\"category\":\"cleanup\"}",
                token);
        assertEquals(201, created.statusCode(), created.body());
        return JSON.readTree(created.body()).path("id").asText();
    }

    private static String[] signUpAndSignIn() throws Exception {
        String email = "trigger-" + UUID.randomUUID() + "@example.com";
        HttpResponse<String> created =
                send("POST", "/users", "{\"email\":\"" + email + "\",\"password\":\"correct horse\"}", null);
        assertEquals(201, created.statusCode(), created.body());
        HttpResponse<String> token =
                send("POST", "/auth/token", "{\"email\":\"" + email + "\",\"password\":\"correct horse\"}", null);
        assertEquals(200, token.statusCode(), token.body());
        return new String[] {
            JSON.readTree(created.body()).path("id").asText(),
            JSON.readTree(token.body()).path("accessToken").asText()
        };
    }

    private static HttpResponse<String> send(String method, String path, String body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api.url() + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
