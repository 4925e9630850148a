package dev.shopfront.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shopfront.error.ConcurrentChangeException;
import dev.shopfront.error.EmailTakenException;
import dev.shopfront.error.NotFoundException;
import dev.shopfront.error.StorageException;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HttpApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final APIGatewayV2HTTPEvent EVENT = APIGatewayV2HTTPEvent.builder()
            .withRawPath("/users/6f1c2a3e-8d4b-4c5a-9e7f-0a1b2c3d4e5f")
            .withHeaders(Map.of("content-type", "application/json"))
            .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                    .withRequestId("CqLpyiFXoAMEbrw=")
                    .build())
            .build();

    @Test
    void handle_answers500WithAGenericBody_forAnUnexpectedFailure() throws Exception {
        APIGatewayV2HTTPResponse response = handle(request -> {
            throw new StorageException(
                    "DynamoDB call failed: read a user",
                    new IllegalStateException("Requested resource not found: Table: Users-3f2a not found"));
        });

        assertEquals(500, response.getStatusCode());
        assertEquals("application/problem+json", response.getHeaders().get("Content-Type"));
        assertEquals(JSON.readTree("""
            {"type": "https://shopfront.dev/problems/internal-error", "title": "Internal Server Error", "status": 500,
             "detail": "An unexpected error occurred. Quote the requestId when reporting it.",
             "instance": "/users/6f1c2a3e-8d4b-4c5a-9e7f-0a1b2c3d4e5f", "requestId": "CqLpyiFXoAMEbrw="}
            """), JSON.readTree(response.getBody()));
        assertFalse(response.getBody().contains("Users-3f2a"));
        assertFalse(response.getBody().contains("DynamoDB"));
    }

    @Test
    void handle_answers500WithoutTheMessage_forAProgrammingError() {
        APIGatewayV2HTTPResponse response = handle(request -> {
            throw new NullPointerException("Cannot invoke \"String.length()\" because \"secret\" is null");
        });

        assertEquals(500, response.getStatusCode());
        assertFalse(response.getBody().contains("secret"));
    }

    @Test
    void handle_mapsEachDomainFailureToItsStatus() throws Exception {
        assertEquals(404, status(new NotFoundException("User not found")));
        assertEquals(409, status(new EmailTakenException()));
        assertEquals(409, status(new ConcurrentChangeException("try again")));

        JsonNode taken = JSON.readTree(handle(request -> {
                    throw new EmailTakenException();
                })
                .getBody());
        assertEquals(
                "https://shopfront.dev/problems/user-exists", taken.get("type").asText());
        assertEquals("User already exists", taken.get("title").asText());
        assertEquals("User already exists", taken.get("detail").asText());
        assertNull(taken.get("errors"));
    }

    @Test
    void handle_answersJsonWithStatusAndHeaders_onSuccess() {
        APIGatewayV2HTTPResponse response = handle(request -> ApiResponse.created("/users/1", Map.of("id", "1")));

        assertEquals(201, response.getStatusCode());
        assertEquals("application/json", response.getHeaders().get("Content-Type"));
        assertEquals("/users/1", response.getHeaders().get("Location"));
        assertEquals("{\"id\":\"1\"}", response.getBody());
    }

    @Test
    void handle_answersNoBodyAndNoContentType_onNoContent() {
        APIGatewayV2HTTPResponse response = handle(request -> ApiResponse.noContent());

        assertEquals(204, response.getStatusCode());
        assertNull(response.getBody());
        assertNull(response.getHeaders().get("Content-Type"));
    }

    @Test
    void handle_answers415_forABodyThatIsNotJson_evenOnARouteThatReadsNoBody() throws Exception {
        for (String contentType : new String[] {"text/plain", null}) {
            APIGatewayV2HTTPEvent withBody = APIGatewayV2HTTPEvent.builder()
                    .withRawPath("/users/me")
                    .withHeaders(contentType == null ? Map.of() : Map.of("content-type", contentType))
                    .withBody("hello")
                    .build();
            boolean[] ran = {false};

            APIGatewayV2HTTPResponse response = HttpApi.handle(withBody, null, request -> {
                ran[0] = true;
                return ApiResponse.noContent();
            });

            assertEquals(415, response.getStatusCode());
            assertEquals("application/problem+json", response.getHeaders().get("Content-Type"));
            assertFalse(ran[0], "the route ran");
        }
        APIGatewayV2HTTPEvent jsonBody = APIGatewayV2HTTPEvent.builder()
                .withRawPath("/users/me")
                .withHeaders(Map.of("content-type", "application/json; charset=utf-8"))
                .withBody("{}")
                .build();
        assertEquals(
                204,
                HttpApi.handle(jsonBody, null, request -> ApiResponse.noContent())
                        .getStatusCode());
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "GET /users/me|{\"reason\":\"x\"}|400|invalid-body",
                "DELETE /products/{id}|{\"reason\":\"x\"}|400|invalid-body",
                "DELETE /products/{id}|[1]|400|invalid-body",
                "GET /products|{|400|malformed-json",
                "GET /products|{} {}|400|malformed-json",
                "DELETE /users/{id}|BIG|413|payload-too-large"
            })
    void handle_refusesABodyOnARouteThatReadsNone_unlessItIsAnEmptyJsonObject(
            String route, String body, int status, String type) throws Exception {
        String sent = body.equals("BIG") ? "{\"a\":\"" + "x".repeat(RequestBodies.MAX_BODY_BYTES) + "\"}" : body;
        boolean[] ran = {false};

        APIGatewayV2HTTPResponse response = HttpApi.handle(
                APIGatewayV2HTTPEvent.builder()
                        .withRouteKey(route)
                        .withRawPath("/x")
                        .withHeaders(Map.of("content-type", "application/json"))
                        .withBody(sent)
                        .build(),
                null,
                request -> {
                    ran[0] = true;
                    return ApiResponse.noContent();
                });

        assertEquals(status, response.getStatusCode(), response.getBody());
        assertTrue(new ObjectMapper()
                .readTree(response.getBody())
                .get("type")
                .asText()
                .endsWith("/" + type));
        assertFalse(ran[0], "the route ran");
    }

    @Test
    void handle_namesThePropertyOfABodyOnARouteThatReadsNone() throws Exception {
        APIGatewayV2HTTPResponse response = HttpApi.handle(
                APIGatewayV2HTTPEvent.builder()
                        .withRouteKey("DELETE /users/{id}")
                        .withHeaders(Map.of("content-type", "application/json"))
                        .withBody("{\"reason\":\"leaving\"}")
                        .build(),
                null,
                request -> ApiResponse.noContent());

        JsonNode problem = new ObjectMapper().readTree(response.getBody());
        assertEquals("reason", problem.get("errors").get(0).get("field").asText());
    }

    @Test
    void handle_takesAnEmptyJsonObjectOnARouteThatReadsNone_andAnyJsonBodyOnOneThatReadsIt() {
        for (String route : new String[] {"GET /products", "DELETE /products/{id}"}) {
            APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder()
                    .withRouteKey(route)
                    .withHeaders(Map.of("content-type", "application/json"))
                    .withBody(" {} ")
                    .build();
            assertEquals(
                    204,
                    HttpApi.handle(event, null, request -> ApiResponse.noContent())
                            .getStatusCode());
        }
        APIGatewayV2HTTPEvent post = APIGatewayV2HTTPEvent.builder()
                .withRouteKey("POST /products")
                .withHeaders(Map.of("content-type", "application/json"))
                .withBody("{\"name\":\"left to the route\"}")
                .build();
        assertEquals(
                204,
                HttpApi.handle(post, null, request -> ApiResponse.noContent()).getStatusCode());
    }

    private static int status(RuntimeException failure) {
        return handle(request -> {
                    throw failure;
                })
                .getStatusCode();
    }

    private static APIGatewayV2HTTPResponse handle(Function<ApiRequest, ApiResponse> route) {
        return HttpApi.handle(EVENT, null, route);
    }
}
