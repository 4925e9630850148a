package dev.shopfront.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shopfront.devkit.RepoRoot;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Users routes end to end: real HTTP into a started local API, real artifacts, real dynalite. */
class LocalApiHttpTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static LocalApi api;

    @BeforeAll
    static void startLocalApi() {
        api = LocalApi.start(
                new LocalOptions(0, 0, 0, null, null, RepoRoot.find().resolve("template.yaml")));
    }

    @AfterAll
    static void stopLocalApi() {
        api.close();
    }

    @Test
    void usersRoutes_followTheContract_endToEnd() throws Exception {
        String email = "ada-" + UUID.randomUUID() + "@example.com";

        // create
        HttpResponse<String> created = send(
                "POST",
                "/users",
                "application/json",
                "{\"email\":\"  " + email.toUpperCase() + " \",\"password\":\"correct horse\",\"name\":\" Ada \"}");
        assertEquals(201, created.statusCode());
        assertEquals(
                "application/json", created.headers().firstValue("content-type").orElseThrow());
        JsonNode user = JSON.readTree(created.body());
        String id = user.get("id").asText();
        assertEquals("/users/" + id, created.headers().firstValue("location").orElseThrow());
        assertEquals(email, user.get("email").asText());
        assertEquals("Ada", user.get("name").asText());
        assertEquals(java.util.Set.of("id", "email", "name", "createdAt", "updatedAt"), fieldNames(user));
        assertTrue(user.get("createdAt").asText().matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z"));

        // sign in, with the email in another case
        HttpResponse<String> signedIn = send(
                "POST",
                "/auth/token",
                "application/json",
                "{\"email\":\"" + email.toUpperCase() + "\",\"password\":\"correct horse\"}");
        assertEquals(200, signedIn.statusCode(), signedIn.body());
        JsonNode tokenBody = JSON.readTree(signedIn.body());
        assertEquals(java.util.Set.of("accessToken", "tokenType", "expiresIn"), fieldNames(tokenBody));
        assertEquals("Bearer", tokenBody.get("tokenType").asText());
        assertEquals(3600, tokenBody.get("expiresIn").asInt());
        String token = tokenBody.get("accessToken").asText();

        // read back, as itself and as "me"
        HttpResponse<String> read = send("GET", "/users/" + id, null, null, token);
        assertEquals(200, read.statusCode());
        assertEquals(user, JSON.readTree(read.body()));
        HttpResponse<String> me = send("GET", "/users/me", null, null, token);
        assertEquals(200, me.statusCode());
        assertEquals(user, JSON.readTree(me.body()));

        // the same address in another case
        HttpResponse<String> duplicate = send(
                "POST",
                "/users",
                "application/json",
                "{\"email\":\"" + email.toUpperCase() + "\",\"password\":\"another one\"}");
        assertEquals(409, duplicate.statusCode());
        assertEquals(
                "application/problem+json",
                duplicate.headers().firstValue("content-type").orElseThrow());
        JsonNode problem = JSON.readTree(duplicate.body());
        assertEquals("User already exists", problem.get("title").asText());
        assertEquals(409, problem.get("status").asInt());
        assertEquals("/users", problem.get("instance").asText());
        assertFalse(problem.get("requestId").asText().isEmpty());

        // change the name only
        HttpResponse<String> patched =
                send("PATCH", "/users/" + id, "application/json; charset=utf-8", "{\"name\":\"Ada L.\"}", token);
        assertEquals(200, patched.statusCode());
        JsonNode changed = JSON.readTree(patched.body());
        assertEquals("Ada L.", changed.get("name").asText());
        assertEquals(email, changed.get("email").asText());

        // delete, then it is gone and its token no longer works
        HttpResponse<String> deleted = send("DELETE", "/users/" + id, null, null, token);
        assertEquals(204, deleted.statusCode());
        assertEquals("", deleted.body());
        assertEquals(404, send("GET", "/users/" + id, null, null, token).statusCode());
        assertEquals(401, send("GET", "/users/me", null, null, token).statusCode());
        assertEquals(
                401,
                send(
                                "POST",
                                "/auth/token",
                                "application/json",
                                "{\"email\":\"" + email + "\",\"password\":\"correct horse\"}")
                        .statusCode());
    }

    @Test
    void protectedRoute_withoutToken_is401_andWithABadToken_is403_asApiGatewayAnswers() throws Exception {
        String[] user = signUpAndSignIn("guarded-" + UUID.randomUUID() + "@example.com");

        HttpResponse<String> missing = send("GET", "/users/" + user[0], null, null);
        HttpResponse<String> forged =
                send("GET", "/users/" + user[0], null, null, user[1].substring(0, user[1].length() - 4) + "AAAA");

        assertEquals(401, missing.statusCode());
        assertEquals("{\"message\":\"Unauthorized\"}", missing.body());
        assertEquals(403, forged.statusCode());
        assertEquals("{\"message\":\"Forbidden\"}", forged.body());
    }

    @Test
    void anotherUsersId_is403Problem_onGetPatchAndDelete() throws Exception {
        String[] ada = signUpAndSignIn("ada-" + UUID.randomUUID() + "@example.com");
        String[] bob = signUpAndSignIn("bob-" + UUID.randomUUID() + "@example.com");

        for (String method : new String[] {"GET", "PATCH", "DELETE"}) {
            HttpResponse<String> response = send(
                    method,
                    "/users/" + bob[0],
                    method.equals("PATCH") ? "application/json" : null,
                    method.equals("PATCH") ? "{\"name\":\"Mallory\"}" : null,
                    ada[1]);
            assertEquals(403, response.statusCode(), method + " " + response.body());
            assertEquals(
                    "application/problem+json",
                    response.headers().firstValue("content-type").orElseThrow());
        }
        assertEquals(200, send("GET", "/users/" + bob[0], null, null, bob[1]).statusCode(), "Bob is untouched");
    }

    @Test
    void signIn_answersAWrongPasswordAndAnUnknownEmailAlike() throws Exception {
        String email = "carol-" + UUID.randomUUID() + "@example.com";
        signUpAndSignIn(email);

        HttpResponse<String> wrongPassword = send(
                "POST",
                "/auth/token",
                "application/json",
                "{\"email\":\"" + email + "\",\"password\":\"not the one\"}");
        HttpResponse<String> unknownEmail = send(
                "POST",
                "/auth/token",
                "application/json",
                "{\"email\":\"x" + email + "\",\"password\":\"not the one\"}");

        assertEquals(401, wrongPassword.statusCode());
        assertEquals(401, unknownEmail.statusCode());
        com.fasterxml.jackson.databind.node.ObjectNode first =
                (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(wrongPassword.body());
        com.fasterxml.jackson.databind.node.ObjectNode second =
                (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(unknownEmail.body());
        first.remove(java.util.List.of("instance", "requestId"));
        second.remove(java.util.List.of("instance", "requestId"));
        assertEquals(first, second);
    }

    @Test
    void productsRoutes_followTheContract_endToEnd() throws Exception {
        String[] owner = signUpAndSignIn("seller-" + UUID.randomUUID() + "@example.com");
        String[] other = signUpAndSignIn("buyer-" + UUID.randomUUID() + "@example.com");
        String category = "e2e-" + UUID.randomUUID().toString().substring(0, 8);

        // create, exact price, ETag "1"
        HttpResponse<String> created = send(
                "POST",
                "/products",
                "application/json",
                "{\"name\":\" Trail shoe \",\"price\":19.99,\"currency\":\"EUR\",\"category\":\"" + category + "\"}",
                owner[1]);
        assertEquals(201, created.statusCode(), created.body());
        assertEquals("\"1\"", created.headers().firstValue("etag").orElseThrow());
        assertTrue(created.body().contains("\"price\":19.99,"), created.body());
        JsonNode product = JSON.readTree(created.body());
        String id = product.get("id").asText();
        assertEquals("/products/" + id, created.headers().firstValue("location").orElseThrow());
        assertEquals(owner[0], product.get("ownerId").asText());
        assertEquals("Trail shoe", product.get("name").asText());
        assertEquals(0, product.get("stock").asInt());

        // public reads
        HttpResponse<String> read = send("GET", "/products/" + id, null, null);
        assertEquals(200, read.statusCode());
        assertEquals("\"1\"", read.headers().firstValue("etag").orElseThrow());
        HttpResponse<String> listed = send("GET", "/products?category=" + category + "&limit=5", null, null);
        assertEquals(200, listed.statusCode());
        JsonNode page = JSON.readTree(listed.body());
        assertEquals(1, page.get("items").size());
        assertTrue(page.get("nextCursor").isNull());

        // writes: owner only, If-Match checked
        assertEquals(
                401,
                send("PATCH", "/products/" + id, "application/json", "{\"stock\":3}")
                        .statusCode());
        assertEquals(
                403,
                send("PATCH", "/products/" + id, "application/json", "{\"stock\":3}", other[1])
                        .statusCode());
        HttpResponse<String> patched = send("PATCH", "/products/" + id, "application/json", "{\"stock\":3}", owner[1]);
        assertEquals(200, patched.statusCode(), patched.body());
        assertEquals("\"2\"", patched.headers().firstValue("etag").orElseThrow());
        HttpResponse<String> stale = sendIfMatch("DELETE", "/products/" + id, "\"1\"", owner[1]);
        assertEquals(412, stale.statusCode());
        assertEquals(200, send("GET", "/products/" + id, null, null).statusCode(), "a stale If-Match deletes nothing");
        assertEquals(
                204, sendIfMatch("DELETE", "/products/" + id, "\"2\"", owner[1]).statusCode());
        assertEquals(404, send("GET", "/products/" + id, null, null).statusCode());

        // a cursor the server did not issue
        HttpResponse<String> forged = send("GET", "/products?cursor=not-a-cursor", null, null);
        assertEquals(400, forged.statusCode());
        assertEquals(
                "cursor",
                JSON.readTree(forged.body()).get("errors").get(0).get("field").asText());
    }

    @Test
    void invalidBody_is400WithTheFieldNamed() throws Exception {
        HttpResponse<String> response = send(
                "POST", "/users", "application/json", "{\"email\":\"nobody@nowhere\",\"password\":\"correct horse\"}");

        assertEquals(400, response.statusCode());
        JsonNode problem = JSON.readTree(response.body());
        assertEquals("email", problem.get("errors").get(0).get("field").asText());
        assertEquals(1, problem.get("errors").size());
    }

    @Test
    void deleteWithABodyNamingAProperty_is400AndDeletesNothing_whileAnEmptyObjectIsTaken() throws Exception {
        String[] user = signUpAndSignIn("leaving-" + UUID.randomUUID() + "@example.com");

        HttpResponse<String> refused =
                send("DELETE", "/users/" + user[0], "application/json", "{\"reason\":\"moving\"}", user[1]);

        assertEquals(400, refused.statusCode(), refused.body());
        assertEquals(
                "reason",
                JSON.readTree(refused.body()).get("errors").get(0).get("field").asText());
        assertEquals(200, send("GET", "/users/" + user[0], null, null, user[1]).statusCode());
        assertEquals(
                204,
                send("DELETE", "/users/" + user[0], "application/json", "{}", user[1])
                        .statusCode());
    }

    @Test
    void everyFailedFieldIsListed_whenOneHasTheWrongType() throws Exception {
        HttpResponse<String> refused =
                send("POST", "/users", "application/json", "{\"email\":42,\"password\":\"short\",\"name\":\"\"}");

        assertEquals(400, refused.statusCode(), refused.body());
        List<String> fields = new ArrayList<>();
        JSON.readTree(refused.body())
                .get("errors")
                .forEach(error -> fields.add(error.get("field").asText()));
        assertEquals(List.of("email", "name", "password"), fields);
    }

    @Test
    void aNumberWhoseExponentNoDecimalHolds_is400NamingTheField_neverA500() throws Exception {
        HttpResponse<String> refused =
                send("POST", "/users", "application/json", "{\"email\":\"a@example.com\",\"password\":1e-2147483648}");

        assertEquals(400, refused.statusCode(), refused.body());
        assertEquals(
                "password",
                JSON.readTree(refused.body()).get("errors").get(0).get("field").asText());
    }

    @Test
    void wrongContentType_is415() throws Exception {
        HttpResponse<String> response =
                send("POST", "/users", "text/plain", "{\"email\":\"a@example.com\",\"password\":\"correct horse\"}");

        assertEquals(415, response.statusCode());
        assertEquals(
                "application/problem+json",
                response.headers().firstValue("content-type").orElseThrow());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {"//products", "/products//", "/products/%2F", "/products/%2e%2e", "/products/a%2Fb", "//users/me"
            })
    void anAmbiguousPath_is404_asAnyRouteThatDoesNotExistOrIdThatIsNotAUuid(String path) throws Exception {
        String answer = rawGet(path);

        assertTrue(answer.startsWith("HTTP/1.1 404 "), answer);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "/products/%5C",
                "/products/%FF",
                "/products/%E2%82",
                "/products/%ED%A0%80",
                "/products/0b6c9f0e-1111-4222-8333-444455556666%0A"
            })
    void anIdThatDecodesToABackslashALineFeedOrBytesThatAreNotUtf8_is404_asAnyIdThatIsNotAUuid(String path)
            throws Exception {
        String answer = rawGet(path);

        assertTrue(answer.startsWith("HTTP/1.1 404 "), answer);
        assertTrue(answer.contains("application/problem+json"), answer);
    }

    @Test
    void malformedPercentEscapeInTheQuery_isTheFunctionsAnswer_neverA500() throws Exception {
        // java.net.URI refuses such a query, so the request goes out on a socket as a client wrote it.
        String listed = rawGet("/products?category=%ZZ");

        assertTrue(listed.startsWith("HTTP/1.1 400 "), listed);
        String problem = listed.substring(listed.indexOf("\r\n\r\n") + 4);
        assertEquals(
                "category",
                JSON.readTree(problem).get("errors").get(0).get("field").asText());

        String ignored = rawGet("/products?x=%&limit=1");

        assertTrue(ignored.startsWith("HTTP/1.1 200 "), ignored);
    }

    private static String rawGet(String target) throws IOException {
        URI base = api.url();
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.getOutputStream()
                    .write(("GET " + target + " HTTP/1.1\r\nHost: " + base.getHost() + "\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void bodyThatIsNotUtf8_is400_andTwoSuchEmailsNeverMeet() throws Exception {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        // The UTF-8 form of the lone surrogate U+D800, a byte that starts no sequence, and U+DBFF's form:
        // a decoder replacing bad bytes by U+FFFD made the first and third the same address.
        for (byte[] bad :
                List.of(new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, new byte[] {(byte) 0xff}, new byte[] {
                    (byte) 0xed, (byte) 0xaf, (byte) 0xbf
                })) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.writeBytes(("{\"email\":\"x" + marker).getBytes(StandardCharsets.UTF_8));
            body.writeBytes(bad);
            body.writeBytes("y@example.com\",\"password\":\"correct horse\"}".getBytes(StandardCharsets.UTF_8));

            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(api.url() + "/users"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());

            assertEquals(400, response.statusCode(), response.body());
            assertEquals(
                    "application/problem+json",
                    response.headers().firstValue("content-type").orElseThrow());
        }
        // Nothing was stored: the address with a real character in that place is still free.
        HttpResponse<String> created = send(
                "POST",
                "/users",
                "application/json",
                "{\"email\":\"x" + marker + "\u00e9y@example.com\",\"password\":\"correct horse\"}");
        assertEquals(201, created.statusCode(), created.body());
    }

    @Test
    void unknownRoute_is404WithApiGatewaysBody() throws Exception {
        HttpResponse<String> response = send("GET", "/nothing/here", null, null);

        assertEquals(404, response.statusCode());
        assertEquals("{\"message\":\"Not Found\"}", response.body());
    }

    @Test
    void pathIdThatIsNotAUuid_is404Problem() throws Exception {
        String[] user = signUpAndSignIn("dave-" + UUID.randomUUID() + "@example.com");

        HttpResponse<String> response = send("GET", "/users/not-a-uuid", null, null, user[1]);

        assertEquals(404, response.statusCode());
        assertEquals(
                "application/problem+json",
                response.headers().firstValue("content-type").orElseThrow());
    }

    private static java.util.Set<String> fieldNames(JsonNode node) {
        java.util.Set<String> names = new java.util.HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static HttpResponse<String> send(String method, String path, String contentType, String body)
            throws IOException, InterruptedException {
        return send(method, path, contentType, body, null);
    }

    private static HttpResponse<String> send(String method, String path, String contentType, String body, String token)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api.url() + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> sendIfMatch(String method, String path, String ifMatch, String token)
            throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(api.url() + path))
                        .method(method, HttpRequest.BodyPublishers.noBody())
                        .header("If-Match", ifMatch)
                        .header("Authorization", "Bearer " + token)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Registers a user and signs in: its id and access token. */
    private static String[] signUpAndSignIn(String email) throws Exception {
        HttpResponse<String> created = send(
                "POST", "/users", "application/json", "{\"email\":\"" + email + "\",\"password\":\"correct horse\"}");
        assertEquals(201, created.statusCode(), created.body());
        HttpResponse<String> token = send(
                "POST",
                "/auth/token",
                "application/json",
                "{\"email\":\"" + email + "\",\"password\":\"correct horse\"}");
        assertEquals(200, token.statusCode(), token.body());
        return new String[] {
            JSON.readTree(created.body()).get("id").asText(),
            JSON.readTree(token.body()).get("accessToken").asText()
        };
    }
}
