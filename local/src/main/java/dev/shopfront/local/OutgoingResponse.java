package dev.shopfront.local;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** An HTTP response the local API sends back, as API Gateway would have shaped it. */
record OutgoingResponse(int status, Map<String, List<String>> headers, byte[] body) {
    static OutgoingResponse message(int status, String message) {
        return new OutgoingResponse(
                status,
                Map.of("content-type", List.of("application/json")),
                ("{\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8));
    }
}
