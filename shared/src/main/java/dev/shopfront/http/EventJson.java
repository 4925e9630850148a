package dev.shopfront.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

/**
 * API Gateway HTTP API payload 2.0 events read, and responses written, with the project's own Jackson
 * ({@link Json#MAPPER}), so a function never loads the Lambda runtime's event serializer, its bundled
 * Jackson and Joda-Time (docs/decisions.md, "Handlers are RequestStreamHandlers").
 */
final class EventJson {
    /**
     * API Gateway adds fields to events over time (and sends some the events library has no field
     * for, such as {@code requestContext.authentication}): the runtime's serializer ignores them, so does this.
     */
    private static final ObjectReader EVENT = Json.MAPPER.readerFor(APIGatewayV2HTTPEvent.class)
            .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private EventJson() {
    }

    static APIGatewayV2HTTPEvent read(InputStream input) throws IOException {
        return EVENT.readValue(input);
    }

    /**
     * Writes exactly the fields API Gateway reads from a payload 2.0 response: {@code statusCode},
     * {@code headers}, {@code body} (when there is one) and {@code isBase64Encoded}.
     */
    static void write(APIGatewayV2HTTPResponse response, OutputStream output) throws IOException {
        try (JsonGenerator json = Json.MAPPER.getFactory().createGenerator(output, JsonEncoding.UTF8)) {
            json.writeStartObject();
            json.writeNumberField("statusCode", response.getStatusCode());
            if (response.getHeaders() != null) {
                json.writeObjectFieldStart("headers");
                for (Map.Entry<String, String> header : response.getHeaders().entrySet()) {
                    json.writeStringField(header.getKey(), header.getValue());
                }
                json.writeEndObject();
            }
            if (response.getBody() != null) {
                json.writeStringField("body", response.getBody());
            }
            json.writeBooleanField("isBase64Encoded", response.getIsBase64Encoded());
            json.writeEndObject();
        }
    }
}
