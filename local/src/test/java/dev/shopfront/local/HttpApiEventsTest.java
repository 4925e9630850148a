package dev.shopfront.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shopfront.devkit.RepoRoot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The local API's events against a real API Gateway HTTP API event kept in events/. */
class HttpApiEventsTest {

    private static ObjectNode eventFor(
            String method, String path, String query, Map<String, List<String>> headers, String body) {
        return HttpApiEvents.requestEvent(
                new IncomingRequest(
                        method,
                        path,
                        query,
                        headers,
                        body == null ? null : body.getBytes(StandardCharsets.UTF_8),
                        "127.0.0.1",
                        "HTTP/1.1"),
                method + " /users/{id}",
                Map.of("id", "7d9f5b0e-3c2a-4f7e-9b1d-2a6c8e4f0a11"),
                "req-1");
    }

    @Test
    void requestEvent_hasTheShapeOfARealApiGatewayEvent() throws Exception {
        JsonNode real =
                HttpApiEvents.JSON.readTree(Files.readAllBytes(RepoRoot.find().resolve("events/update-user.json")));
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Content-Type", List.of("application/json"));
        headers.put("Host", List.of("127.0.0.1:3000"));
        headers.put("User-Agent", List.of("curl/8.5.0"));

        ObjectNode local =
                eventFor("PATCH", "/users/7d9f5b0e-3c2a-4f7e-9b1d-2a6c8e4f0a11", "", headers, "{\"name\":\"Ada\"}");

        // Every top-level and requestContext field AWS sends (cookies and query only when present) is there.
        TreeSet<String> expectedTop = names(real);
        expectedTop.removeAll(List.of("cookies", "queryStringParameters"));
        TreeSet<String> actualTop = names(local);
        assertTrue(actualTop.containsAll(expectedTop), "missing " + diff(expectedTop, actualTop));
        // authorizer is added by the route's authorizer step, not by the translation.
        TreeSet<String> expectedContext = names(real.get("requestContext"));
        expectedContext.remove("authorizer");
        assertTrue(
                names(local.get("requestContext")).containsAll(expectedContext),
                "missing " + diff(expectedContext, names(local.get("requestContext"))));
        assertTrue(names(local.get("requestContext").get("http"))
                .containsAll(names(real.get("requestContext").get("http"))));

        assertEquals("2.0", local.get("version").asText());
        assertEquals(real.get("routeKey").asText(), local.get("routeKey").asText());
        assertEquals(real.get("rawPath").asText(), local.get("rawPath").asText());
        assertEquals(real.get("pathParameters"), local.get("pathParameters"));
        assertEquals(
                "PATCH", local.get("requestContext").get("http").get("method").asText());
        assertEquals("$default", local.get("requestContext").get("stage").asText());
        assertEquals(
                "application/json", local.get("headers").get("content-type").asText());
        assertEquals(
                "curl/8.5.0",
                local.get("requestContext").get("http").get("userAgent").asText());
        assertEquals("{\"name\":\"Ada\"}", local.get("body").asText());
        assertFalse(local.get("isBase64Encoded").asBoolean());
        assertTrue(local.get("requestContext").get("timeEpoch").isIntegralNumber());
    }

    @Test
    void cookies_moveToTheirOwnList_andRepeatedQueryValuesJoinWithCommas() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Cookie", List.of("a=1; b=2"));
        headers.put("X-Many", List.of("x", "y"));

        ObjectNode event = eventFor(
                "GET", "/users/7d9f5b0e-3c2a-4f7e-9b1d-2a6c8e4f0a11", "tag=a&tag=b&q=hello%20world", headers, null);

        assertEquals("[\"a=1\",\"b=2\"]", event.get("cookies").toString());
        assertFalse(event.get("headers").has("cookie"));
        assertEquals("x,y", event.get("headers").get("x-many").asText());
        assertEquals("a,b", event.get("queryStringParameters").get("tag").asText());
        assertEquals("hello world", event.get("queryStringParameters").get("q").asText());
        assertEquals("tag=a&tag=b&q=hello%20world", event.get("rawQueryString").asText());
        assertFalse(event.has("body"));
    }

    @Test
    void binaryBody_isBase64Encoded() {
        ObjectNode event =
                eventFor("PATCH", "/users/x", "", Map.of("Content-Type", List.of("application/octet-stream")), "raw");

        assertTrue(event.get("isBase64Encoded").asBoolean());
        assertEquals("cmF3", event.get("body").asText());
    }

    @Test
    void malformedPercentEscapes_inTheQuery_stayAsWritten_andTheRestIsDecoded() {
        ObjectNode event = eventFor("GET", "/users/x", "category=%ZZ&x=%&y=%4&z=a%2Fb+c%C3%A9", Map.of(), null);

        JsonNode query = event.get("queryStringParameters");
        assertEquals("%ZZ", query.get("category").asText());
        assertEquals("%", query.get("x").asText());
        assertEquals("%4", query.get("y").asText());
        assertEquals("a/b c\u00e9", query.get("z").asText());
        assertEquals(
                "category=%ZZ&x=%&y=%4&z=a%2Fb+c%C3%A9",
                event.get("rawQueryString").asText());
    }

    @Test
    void jsonBodyThatIsNotUtf8_travelsBase64Encoded_unchanged() {
        // The UTF-8 form of a lone surrogate, and a byte that starts no UTF-8 sequence.
        for (byte[] body : List.of(
                new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xff, '"', '}'},
                new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xed, (byte) 0xa0, (byte) 0x80, '"', '}'})) {
            ObjectNode event = HttpApiEvents.requestEvent(
                    new IncomingRequest(
                            "POST",
                            "/users",
                            "",
                            Map.of("Content-Type", List.of("application/json")),
                            body,
                            "127.0.0.1",
                            "HTTP/1.1"),
                    "POST /users",
                    Map.of(),
                    "req-1");

            assertTrue(event.get("isBase64Encoded").asBoolean());
            assertArrayEquals(body, Base64.getDecoder().decode(event.get("body").asText()));
        }
    }

    @Test
    void response_decodesBase64Bodies_andTurnsCookiesIntoSetCookie() {
        OutgoingResponse response = HttpApiEvents.response(("{\"statusCode\":201,\"headers\":{\"Location\":\"/x\"},"
                        + "\"cookies\":[\"s=1\"],\"body\":\"aGk=\",\"isBase64Encoded\":true}")
                .getBytes(StandardCharsets.UTF_8));

        assertEquals(201, response.status());
        assertEquals("hi", new String(response.body(), StandardCharsets.UTF_8));
        assertEquals(List.of("/x"), response.headers().get("Location"));
        assertEquals(List.of("s=1"), response.headers().get("set-cookie"));
    }

    @Test
    void responseWithoutStatusCode_isTheBodyOfA200_asApiGatewayInfersIt() {
        OutgoingResponse response = HttpApiEvents.response("{\"hello\":\"world\"}".getBytes(StandardCharsets.UTF_8));

        assertEquals(200, response.status());
        assertEquals("{\"hello\":\"world\"}", new String(response.body(), StandardCharsets.UTF_8));
    }

    private static TreeSet<String> names(JsonNode node) {
        TreeSet<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> diff(TreeSet<String> expected, TreeSet<String> actual) {
        List<String> missing = new ArrayList<>(expected);
        missing.removeAll(actual);
        return missing;
    }
}
