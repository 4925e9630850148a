package dev.shopfront.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shopfront.devkit.LocalDynamoDb;
import dev.shopfront.devkit.RepoRoot;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * A bounded, seeded fuzz run through the local API over HTTP with kept-alive connections: hostile
 * bodies, headers, tokens and idempotency keys on every route. Every request gets an answer, never a
 * 5xx; every error is problem+json or API Gateway's {"message": ...}; nothing a refused request sent
 * is stored; the server is healthy afterwards. The seed is in the failure message, so a failure replays.
 */
class HostileInputFuzzTest {
    private static final long SEED = 20261125L;
    private static final int REQUESTS = 2_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final String[] METHODS = {"GET", "POST", "PATCH", "DELETE", "PUT"};
    private static final String[] PATHS = {
        "/users",
        "/users/{id}",
        "/users/me",
        "/auth/token",
        "/products",
        "/products/{id}",
        "/products/imports",
        "/products/imports/{id}"
    };
    private static final String[] FIELDS = {
        "name",
        "email",
        "password",
        "price",
        "currency",
        "stock",
        "description",
        "category",
        "items",
        "id",
        "ownerId",
        "version"
    };
    private static final String[] VALUES = {
        "null",
        "true",
        "1e30000000",
        "-1e7",
        "1e400",
        "0.1e-99999",
        "-0",
        "123456789012345678901234567890",
        "\"\"",
        "\"\\ud800\"",
        "\"x\\udbffy@example.com\"",
        "\"EUR\"",
        "\"eur\"",
        "19.99",
        "-1",
        "[]",
        "{}",
        "\"<script>\"",
        "\"' OR 1=1 --\"",
        "\"a@b\"",
        "\"ada@example.com\"",
        "[{\"name\":\"x\",\"price\":1,\"currency\":\"EUR\"}]",
        "\"\\u0000\"",
        "\"" + "x".repeat(5_000) + "\"",
        "1.0000000000000000000000000001",
        "9e18",
        "\"1\"",
        "[[[[[[[[[[]]]]]]]]]]"
    };
    private static final String[] RAW_BODIES = {
        "",
        "{",
        "}",
        "null",
        "[]",
        "\"text\"",
        "{\"a\":",
        "{\"a\":1,\"a\":2}",
        "[".repeat(10_000),
        "{\"name\":\"x\"" + ",\"x\":1".repeat(2_000) + "}",
        "\u0000\u0001\u0002",
        "{'single':'quotes'}"
    };
    private static final String[] CONTENT_TYPES = {
        "application/json",
        "application/json; charset=utf-8",
        "text/plain",
        "application/x-www-form-urlencoded",
        "application/json; charset=latin1",
        "*/*",
        ""
    };

    private record Outcome(
            String request, String method, String path, boolean keyed, int status, String contentType, String body) {}

    @Test
    void hostileRequests_onEveryRoute_neverGet5xx_andAlwaysGetAProblemOrApiGatewaysMessage() throws Exception {
        try (LocalApi api = LocalApi.start(
                new LocalOptions(0, 0, 0, null, null, RepoRoot.find().resolve("template.yaml")))) {
            // Loaded first, all at once, as `start` does after its ready line: what is bounded is the fuzzing, not cold
            // starts.
            try (ExecutorService loading = Executors.newVirtualThreadPerTaskExecutor()) {
                api.functions().all().forEach(function -> loading.submit(function::load));
            }
            String email = "fuzz-" + UUID.randomUUID() + "@example.com";
            String userId = JSON.readTree(send(
                                    api,
                                    "POST",
                                    "/users",
                                    "application/json",
                                    "{\"email\":\"" + email + "\",\"password\":\"correct horse\",\"name\":\"Fuzz\"}",
                                    null,
                                    null)
                            .body())
                    .get("id")
                    .asText();
            String token = JSON.readTree(send(
                                    api,
                                    "POST",
                                    "/auth/token",
                                    "application/json",
                                    "{\"email\":\"" + email + "\",\"password\":\"correct horse\"}",
                                    null,
                                    null)
                            .body())
                    .get("accessToken")
                    .asText();
            List<String> tokens = List.of(
                    token,
                    token + "==",
                    token.substring(0, token.length() - 2),
                    "Basic " + token,
                    "",
                    "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.",
                    "a.b.c",
                    "x".repeat(9_000),
                    token.replace('.', '!'));

            Random random = new Random(SEED);
            List<Callable> requests = new ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
                String method = METHODS[random.nextInt(METHODS.length)];
                String path = PATHS[random.nextInt(PATHS.length)].replace(
                        "{id}",
                        random.nextInt(4) == 0
                                ? "%7B%7D%00"
                                : random.nextBoolean()
                                        ? UUID.randomUUID().toString()
                                        : "x".repeat(random.nextInt(300)));
                if (method.equals("DELETE") && path.startsWith("/users")) {
                    path = "/users/" + UUID.randomUUID(); // never the fuzzing user itself
                }
                String body = random.nextInt(3) == 0 ? RAW_BODIES[random.nextInt(RAW_BODIES.length)] : object(random);
                String contentType = CONTENT_TYPES[random.nextInt(CONTENT_TYPES.length)];
                String authorization =
                        random.nextInt(4) == 0 ? null : "Bearer " + tokens.get(random.nextInt(tokens.size()));
                String idempotencyKey = random.nextInt(3) == 0
                        ? List.of(
                                        "k",
                                        "",
                                        " ",
                                        "x".repeat(300),
                                        "\u00e9",
                                        UUID.randomUUID().toString())
                                .get(random.nextInt(6))
                        : null;
                String finalPath = path;
                requests.add(() -> {
                    String described = method + " " + finalPath + " " + contentType + " auth=" + (authorization != null)
                            + " key=" + idempotencyKey + " body=" + abbreviate(body);
                    try {
                        HttpResponse<String> response =
                                send(api, method, finalPath, contentType, body, authorization, idempotencyKey);
                        return new Outcome(
                                described,
                                method,
                                finalPath,
                                sentKey(idempotencyKey),
                                response.statusCode(),
                                response.headers().firstValue("content-type").orElse(""),
                                response.body());
                    } catch (java.io.IOException e) {
                        return new Outcome(
                                described, method, finalPath, sentKey(idempotencyKey), 999, "", "no answer: " + e);
                    }
                });
            }

            List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
            long started = System.nanoTime();
            try (ExecutorService clients = Executors.newFixedThreadPool(4)) {
                List<Future<Outcome>> futures = new ArrayList<>();
                for (Callable request : requests) {
                    futures.add(clients.submit(request::call));
                }
                for (Future<Outcome> future : futures) {
                    outcomes.add(future.get());
                }
            }
            long seconds = (System.nanoTime() - started) / 1_000_000_000;

            List<Outcome> unanswered =
                    outcomes.stream().filter(outcome -> outcome.status() >= 500).toList();
            assertTrue(
                    unanswered.isEmpty(),
                    "seed " + SEED + ": " + unanswered.size() + " 5xx or unanswered: " + unanswered);
            for (Outcome outcome : outcomes) {
                assertTrue(outcome.status() < 500, "seed " + SEED + ": " + outcome);
                if (outcome.status() >= 400) {
                    assertErrorShape(outcome);
                }
            }
            assertTrue(seconds < 60, "bounded: " + seconds + " s");
            assertNothingStoredByRefusedRequests(api, outcomes);
            // healthy afterwards: the fuzzing user still reads itself
            HttpResponse<String> me = send(api, "GET", "/users/me", null, null, "Bearer " + token, null);
            assertEquals(200, me.statusCode(), me.body());
            assertEquals(userId, JSON.readTree(me.body()).get("id").asText());
        }
    }

    private static void assertErrorShape(Outcome outcome) throws Exception {
        JsonNode body = JSON.readTree(outcome.body());
        if (outcome.contentType().startsWith("application/problem+json")) {
            assertEquals(outcome.status(), body.path("status").asInt(), outcome.toString());
            assertTrue(body.path("title").isTextual(), outcome.toString());
        } else {
            assertEquals("application/json", outcome.contentType(), outcome.toString());
            assertTrue(body.path("message").isTextual() && body.size() == 1, "API Gateway's shape: " + outcome);
        }
    }

    private static String object(Random random) {
        StringBuilder body = new StringBuilder("{");
        int fields = random.nextInt(6);
        for (int i = 0; i < fields; i++) {
            if (i > 0) {
                body.append(',');
            }
            body.append('"')
                    .append(FIELDS[random.nextInt(FIELDS.length)])
                    .append("\":")
                    .append(VALUES[random.nextInt(VALUES.length)]);
        }
        return body.append('}').toString();
    }

    private static HttpResponse<String> send(
            LocalApi api,
            String method,
            String path,
            String contentType,
            String body,
            String authorization,
            String idempotencyKey)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api.url() + path))
                .timeout(Duration.ofSeconds(30))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null && !contentType.isEmpty()) {
            request.header("Content-Type", contentType);
        }
        if (authorization != null && !authorization.isBlank()) {
            request.header("Authorization", authorization);
        }
        if (sentKey(idempotencyKey)) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Whether the client can send the key at all (java.net.http refuses other header values). */
    private static boolean sentKey(String idempotencyKey) {
        return idempotencyKey != null
                && !idempotencyKey.isEmpty()
                && idempotencyKey.chars().allMatch(c -> c > 32 && c < 127);
    }

    /**
     * What the tables hold is what the accepted requests created: one user (and email) per 201 of
     * POST /users besides the fuzzing user, one import per 202, no more products than the 201s and the
     * accepted imports' items, and no idempotency record beyond the keyed successes (a 4xx frees its key).
     */
    private static void assertNothingStoredByRefusedRequests(LocalApi api, List<Outcome> outcomes) throws Exception {
        Set<String> users = new HashSet<>();
        Set<String> products = new HashSet<>();
        Map<String, Integer> imports = new HashMap<>();
        long keyedSuccesses = 0;
        for (Outcome outcome : outcomes) {
            if (outcome.status() >= 300) {
                continue;
            }
            keyedSuccesses += outcome.keyed() ? 1 : 0;
            if (!outcome.method().equals("POST")) {
                continue;
            }
            JsonNode body = JSON.readTree(outcome.body());
            switch (outcome.path()) {
                case "/users" -> users.add(body.path("id").asText());
                case "/products" -> products.add(body.path("id").asText());
                case "/products/imports" ->
                    imports.put(body.path("id").asText(), body.path("total").asInt());
                default -> {}
            }
        }
        try (DynamoDbClient dynamoDb = LocalDynamoDb.client(api.dynamoDbEndpoint())) {
            String seed = "seed " + SEED + ": ";
            assertEquals(
                    users.size() + 1,
                    count(dynamoDb, "UsersTable"),
                    seed + "users: the fuzzing one and the 201s of POST /users");
            assertEquals(users.size() + 1, count(dynamoDb, "EmailsTable"), seed + "one email reservation per user");
            assertEquals(
                    imports.size(),
                    count(dynamoDb, "ImportsTable"),
                    seed + "imports: the 202s of POST /products/imports");
            long storedProducts = count(dynamoDb, "ProductsTable");
            long imported =
                    imports.values().stream().mapToLong(Integer::longValue).sum();
            assertTrue(
                    storedProducts >= products.size() && storedProducts <= products.size() + imported,
                    seed + storedProducts + " products stored; " + products.size() + " created by 201s, at most "
                            + imported + " imported");
            assertTrue(
                    count(dynamoDb, "IdempotencyTable") <= keyedSuccesses,
                    seed + "idempotency records only for keyed successes (" + keyedSuccesses + ")");
        }
    }

    private static long count(DynamoDbClient dynamoDb, String table) {
        return dynamoDb.scanPaginator(r -> r.tableName(table).select(Select.COUNT)).stream()
                .mapToLong(page -> page.count())
                .sum();
    }

    private static String abbreviate(String text) {
        return text.length() <= 120 ? text : text.substring(0, 120) + "…(" + text.length() + " chars)";
    }

    @FunctionalInterface
    private interface Callable {
        Outcome call() throws Exception;
    }
}
