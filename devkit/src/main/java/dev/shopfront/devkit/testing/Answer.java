package dev.shopfront.devkit.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * What a handler answered to one event.
 *
 * @param request the event sent
 * @param response the handler's response
 * @param context the Lambda context it ran with (holding what it logged)
 */
public record Answer(HttpApiEvent request, APIGatewayV2HTTPResponse response, RecordingContext context) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public int status() {
        return response.getStatusCode();
    }

    /** A response header by name, whatever its case; null when absent. */
    public String header(String name) {
        Map<String, String> headers = response.getHeaders();
        if (headers == null) {
            return null;
        }
        return headers.entrySet().stream()
                .filter(h -> h.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(null);
    }

    public String body() {
        return response.getBody();
    }

    public JsonNode json() {
        try {
            return JSON.readTree(response.getBody());
        } catch (IOException e) {
            throw new UncheckedIOException("Response body is not JSON: " + response.getBody(), e);
        }
    }

    /** The {@code id} of the resource a 201 or 200 answered with. */
    public String id() {
        return json().get("id").asText();
    }

    /** The {@code id} the answer carries, once it is the {@code expected} status: for set-up that must succeed. */
    public String idOf(int expected) {
        assertEquals(expected, status(), this::toString);
        return id();
    }

    @Override
    public String toString() {
        return request.routeKey() + " " + request.rawPath() + " -> " + status() + " " + body();
    }
}
