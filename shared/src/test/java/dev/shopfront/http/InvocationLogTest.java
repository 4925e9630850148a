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
import dev.shopfront.log.EmbeddedMetrics;
import dev.shopfront.log.JsonLog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The access line and the EMF line every HTTP invocation writes (docs/operating.md), field by field. */
class InvocationLogTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CALLER = "6f1c2a3e-8d4b-4c5a-9e7f-0a1b2c3d4e5f";
    private static final String SECRET = "S3cret-in-the-body";

    private final List<String> logged = new CopyOnWriteArrayList<>();
    private final List<String> metrics = new CopyOnWriteArrayList<>();

    @BeforeEach
    void capture() {
        JsonLog.configure("shopfront-GetUserFunction-x1", "INFO");
        JsonLog.writeTo(logged::add);
        EmbeddedMetrics.writeTo(metrics::add);
    }

    @AfterEach
    void release() {
        JsonLog.configure(null, null);
        JsonLog.writeToStandardOutput();
        EmbeddedMetrics.writeToStandardOutput();
    }

    @Test
    void theColdStartRehearsal_writesNoAccessLine_noMetric_andNoWarning() {
        HttpApi.rehearse();

        assertEquals(List.of(), logged, "a cold start is not a request; a failed rehearsal would log a warning");
        assertEquals(List.of(), metrics);
    }

    @Test
    void aSuccess_writesOneAccessLine_withEveryField() throws Exception {
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
        assertFalse(line.toString().contains(SECRET), "the body is never logged");
    }

    @Test
    void aSuccess_writesOneEmfLine_countingTheBusinessEvent() throws Exception {
        handle(
                "CqLpyiFXoAMEbrw=",
                request -> ApiResponse.created("/users/x", Map.of("id", "x")).counting("UsersCreated"));

        JsonNode emf = only(metrics);
        JsonNode directive = emf.get("_aws").get("CloudWatchMetrics").get(0);
        assertEquals("Shopfront", directive.get("Namespace").asText());
        assertEquals(JSON.readTree("[[\"Service\",\"Route\"]]"), directive.get("Dimensions"));
        assertEquals("shopfront", emf.get("Service").asText());
        assertEquals("POST /users", emf.get("Route").asText());
        List<String> names = new ArrayList<>();
        directive.get("Metrics").forEach(metric -> names.add(metric.get("Name").asText()));
        assertEquals(List.of("Latency", "Errors4xx", "Errors5xx", "ColdStart", "UsersCreated"), names);
        for (String name : names) {
            assertTrue(emf.get(name).isNumber(), name + " has no value: " + emf);
        }
        assertEquals(0, emf.get("Errors4xx").asInt());
        assertEquals(0, emf.get("Errors5xx").asInt());
        assertEquals(1, emf.get("UsersCreated").asInt());
        assertEquals("CqLpyiFXoAMEbrw=", emf.get("requestId").asText());
        assertTrue(emf.get("_aws").get("Timestamp").isIntegralNumber());
    }

    @Test
    void aRefusal_isAn4xxAccessLine_andCountsNoBusinessEvent() throws Exception {
        handle("R4xx", request -> {
            throw new NotFoundException("User not found");
        });

        JsonNode line = only(logged);
        assertEquals("INFO", line.get("level").asText());
        assertEquals(404, line.get("status").asInt());
        JsonNode emf = only(metrics);
        assertEquals(1, emf.get("Errors4xx").asInt());
        assertEquals(0, emf.get("Errors5xx").asInt());
        assertNull(emf.get("UsersCreated"));
    }

    @Test
    void anUnexpectedFailure_logsItsTypeAndStack_withoutALibrarysMessage_thenA500AccessLine() throws Exception {
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
        assertEquals(500, access.get("status").asInt());
        assertEquals(1, only(metrics).get("Errors5xx").asInt());
    }

    @Test
    void linesBelowTheLogLevel_areNotWritten_butMetricsAlwaysAre() {
        JsonLog.configure("f", "WARN");

        handle("Rquiet", request -> ApiResponse.ok(Map.of()));

        assertTrue(logged.isEmpty(), logged::toString);
        assertEquals(1, metrics.size());
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
