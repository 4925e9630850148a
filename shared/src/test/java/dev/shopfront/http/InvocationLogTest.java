package dev.shopfront.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shopfront.error.NotFoundException;
import dev.shopfront.error.StorageException;
import dev.shopfront.log.CapturedLog;
import dev.shopfront.log.EmfAssertions;
import dev.shopfront.log.JsonLog;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The one line every HTTP invocation ends with (docs/operating.md): its access fields and its EMF document, field by field. */
class InvocationLogTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CALLER = "6f1c2a3e-8d4b-4c5a-9e7f-0a1b2c3d4e5f";
    private static final String SECRET = "S3cret-in-the-body";

    @RegisterExtension
    final CapturedLog log = new CapturedLog("shopfront-GetUserFunction-x1");

    private final List<String> logged = log.lines();

    @Test
    void theColdStartRehearsal_writesNoLine_andNoWarning() {
        HttpApi.rehearse();

        assertEquals(List.of(), logged, "a cold start is not a request; a failed rehearsal would log a warning");
    }

    @Test
    void aSuccess_writesOneLine_withEveryAccessField_andNothingOfTheBodyOrHeaders() throws Exception {
        handle(
                "CqLpyiFXoAMEbrw=",
                request -> ApiResponse.created("/users/x", Map.of("id", "x")).counting("UsersCreated"));

        JsonNode line = only(logged);
        assertEquals("INFO", line.get("level").asText());
        assertEquals("request", line.get("message").asText());
        assertEquals("CqLpyiFXoAMEbrw=", line.get("requestId").asText());
        assertEquals("POST /users", line.get("route").asText());
        assertEquals("POST", line.get("method").asText());
        assertEquals(201, line.get("status").asInt());
        assertTrue(line.get("durationMs").isNumber() && line.get("durationMs").asDouble() >= 0, line::toString);
        assertTrue(line.get("coldStart").isBoolean(), line::toString);
        assertEquals("shopfront-GetUserFunction-x1", line.get("functionName").asText());
        assertEquals(CALLER, line.get("userId").asText());
        Instant.parse(line.get("timestamp").asText());
        assertFalse(logged.getFirst().contains(SECRET), "the body and the Authorization header are never logged");
        assertFalse(logged.getFirst().toLowerCase(Locale.ROOT).contains("bearer"), logged::toString);
        assertFalse(logged.getFirst().contains("password"), logged::toString);
    }

    @Test
    void aSuccess_sLine_isAnEmfDocument_perRoute_countingTheBusinessEvent() throws Exception {
        handle(
                "CqLpyiFXoAMEbrw=",
                request -> ApiResponse.created("/users/x", Map.of("id", "x")).counting("UsersCreated"));

        JsonNode line = only(logged);
        Map<String, String> metrics = EmfAssertions.assertValidEmf(line, List.of("Service", "Route"));
        assertEquals(
                Map.of(
                        "Latency", "Milliseconds",
                        "Errors4xx", "Count",
                        "Errors5xx", "Count",
                        "ColdStart", "Count",
                        "UsersCreated", "Count"),
                metrics);
        assertEquals("shopfront", line.get("Service").asText());
        assertEquals("POST /users", line.get("Route").asText());
        assertEquals(line.get("durationMs").asDouble(), line.get("Latency").asDouble());
        assertEquals(0, line.get("Errors4xx").asInt());
        assertEquals(0, line.get("Errors5xx").asInt());
        assertEquals(
                line.get("coldStart").asBoolean() ? 1 : 0, line.get("ColdStart").asInt());
        assertEquals(1, line.get("UsersCreated").asInt());
        assertEquals(
                Instant.parse(line.get("timestamp").asText()).toEpochMilli(),
                line.get("_aws").get("Timestamp").asLong(),
                "the log event's time and the metrics' time are one");
    }

    @Test
    void aRefusal_isAn4xxLine_andCountsNoBusinessEvent() throws Exception {
        handle("R4xx", request -> {
            throw new NotFoundException("User not found");
        });

        JsonNode line = only(logged);
        assertEquals("INFO", line.get("level").asText());
        assertEquals(404, line.get("status").asInt());
        assertEquals(
                List.of("Latency", "Errors4xx", "Errors5xx", "ColdStart"),
                List.copyOf(EmfAssertions.assertValidEmf(line, List.of("Service", "Route"))
                        .keySet()));
        assertEquals(1, line.get("Errors4xx").asInt());
        assertEquals(0, line.get("Errors5xx").asInt());
        assertNull(line.get("UsersCreated"));
    }

    @Test
    void anUnexpectedFailure_logsItsTypeAndStack_withoutALibrarysMessage_thenA500Line() throws Exception {
        handle("R500", request -> {
            throw new StorageException(
                    "DynamoDB call failed: read a user",
                    new IllegalStateException("Requested resource not found: key secret.person@example.com"));
        });

        assertEquals(2, logged.size(), logged::toString);
        JsonNode failure = JSON.readTree(logged.get(0));
        assertEquals("ERROR", failure.get("level").asText());
        assertEquals("Unexpected failure", failure.get("message").asText());
        assertEquals("R500", failure.get("requestId").asText());
        assertEquals(
                "dev.shopfront.error.StorageException", failure.get("errorType").asText());
        assertEquals(
                "DynamoDB call failed: read a user", failure.get("errorMessage").asText());
        assertEquals("java.lang.IllegalStateException", failure.get("causes").asText());
        assertTrue(failure.get("stackTrace").asText().contains("\tat dev.shopfront.http."), failure::toString);
        assertFalse(
                failure.toString().contains("secret.person@example.com"),
                "a library's message may quote personal data");
        JsonNode access = JSON.readTree(logged.get(1));
        assertEquals("ERROR", access.get("level").asText());
        assertEquals("request", access.get("message").asText());
        assertEquals(500, access.get("status").asInt());
        EmfAssertions.assertValidEmf(access, List.of("Service", "Route"));
        assertEquals(1, access.get("Errors5xx").asInt());
    }

    @Test
    void atLogLevelWarn_otherLinesBelowItAreDropped_butTheInvocationsLineIsWritten_forItsMetrics() throws Exception {
        JsonLog.configure("f", "WARN");

        handle("Rquiet", request -> {
            JsonLog.info("below the level");
            return ApiResponse.ok(Map.of());
        });

        JsonNode line = only(logged);
        assertEquals("request", line.get("message").asText());
        assertEquals("INFO", line.get("level").asText(), "the line keeps its own level");
        assertEquals(200, line.get("status").asInt());
        EmfAssertions.assertValidEmf(line, List.of("Service", "Route"));
    }

    @Test
    void valuesFromTheEvent_areEscaped_soTheLineStaysOneJsonObject() throws Exception {
        String requestId = "R\"q\\1\n\u0001é";

        handle(requestId, request -> ApiResponse.ok(Map.of()));

        assertEquals(1, logged.size());
        assertFalse(logged.getFirst().contains("\n"), "one line");
        assertEquals(requestId, only(logged).get("requestId").asText());
    }

    @Test
    void theLine_reachesStandardOutput_inOneWrite_asUtf8() throws Exception {
        List<byte[]> writes = new ArrayList<>();
        OutputStream recorder = new OutputStream() {
            @Override
            public void write(int b) {
                writes.add(new byte[] {(byte) b});
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                writes.add(Arrays.copyOfRange(bytes, offset, offset + length));
            }
        };
        PrintStream out = System.out;
        JsonLog.writeToStandardOutput();
        // A writer of another charset would turn é into '?': the line is encoded as UTF-8 whatever stdout's charset.
        System.setOut(new PrintStream(recorder, true, StandardCharsets.US_ASCII));
        try {
            handle("Rqé", request -> ApiResponse.ok(Map.of()));
        } finally {
            System.setOut(out);
        }

        assertEquals(1, writes.size(), "one write for the whole line");
        String written = new String(writes.getFirst(), StandardCharsets.UTF_8);
        assertTrue(written.endsWith("}\n") && written.indexOf('\n') == written.length() - 1, written);
        JsonNode line = JSON.readTree(written);
        assertEquals("Rqé", line.get("requestId").asText());
        assertEquals("request", line.get("message").asText());
    }

    private void handle(String requestId, Function<ApiRequest, ApiResponse> route) {
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder()
                .withRouteKey("POST /users")
                .withRawPath("/users")
                .withBody("{\"password\":\"" + SECRET + "\"}")
                .withHeaders(Map.of("content-type", "application/json", "authorization", "Bearer " + SECRET))
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withRequestId(requestId)
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod("POST")
                                .withPath("/users")
                                .build())
                        .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                                .withLambda(Map.of(ApiRequest.CALLER_KEY, CALLER))
                                .build())
                        .build())
                .build();
        HttpApi.handle(event, null, route);
    }

    private static JsonNode only(List<String> lines) throws Exception {
        assertEquals(1, lines.size(), lines::toString);
        return JSON.readTree(lines.getFirst());
    }
}
