package dev.shopfront.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * API Gateway HTTP API payload 2.0 events read, and responses written, with the project's own Jackson
 * ({@link Json#MAPPER}), so a function never loads the Lambda runtime's event serializer, its bundled
 * Jackson and Joda-Time (docs/decisions.md, "Handlers are RequestStreamHandlers").
 */
final class EventJson {
    private EventJson() {}

    /**
     * The event's fields that {@link ApiRequest} reads, taken from its JSON tree. Not bound as a bean: Jackson's
     * introspection of the events library's nested classes cost a cold start about 0.2 s and some 250 classes
     * (BENCHMARKS.md). Fields API Gateway adds over time, and those the handlers never read, are ignored, as
     * the runtime's serializer ignores them.
     */
    static APIGatewayV2HTTPEvent read(InputStream input) throws IOException {
        JsonNode json = Json.MAPPER.readTree(input);
        if (json == null || !json.isObject()) {
            throw new IOException("An API Gateway event is a JSON object");
        }
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setVersion(text(json.get("version")));
        event.setRouteKey(text(json.get("routeKey")));
        event.setRawPath(text(json.get("rawPath")));
        event.setRawQueryString(text(json.get("rawQueryString")));
        event.setHeaders(texts(json.get("headers")));
        event.setQueryStringParameters(texts(json.get("queryStringParameters")));
        event.setPathParameters(texts(json.get("pathParameters")));
        event.setBody(text(json.get("body")));
        event.setIsBase64Encoded(json.path("isBase64Encoded").asBoolean(false));
        JsonNode context = json.get("requestContext");
        if (context != null && context.isObject()) {
            APIGatewayV2HTTPEvent.RequestContext requestContext = new APIGatewayV2HTTPEvent.RequestContext();
            requestContext.setRequestId(text(context.get("requestId")));
            requestContext.setRouteKey(text(context.get("routeKey")));
            requestContext.setStage(text(context.get("stage")));
            JsonNode http = context.get("http");
            if (http != null && http.isObject()) {
                APIGatewayV2HTTPEvent.RequestContext.Http requestHttp = new APIGatewayV2HTTPEvent.RequestContext.Http();
                requestHttp.setMethod(text(http.get("method")));
                requestHttp.setPath(text(http.get("path")));
                requestHttp.setProtocol(text(http.get("protocol")));
                requestHttp.setSourceIp(text(http.get("sourceIp")));
                requestHttp.setUserAgent(text(http.get("userAgent")));
                requestContext.setHttp(requestHttp);
            }
            JsonNode lambda = context.path("authorizer").get("lambda");
            if (lambda != null && lambda.isObject()) {
                APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer =
                        new APIGatewayV2HTTPEvent.RequestContext.Authorizer();
                Map<String, Object> values = new LinkedHashMap<>();
                for (Map.Entry<String, JsonNode> field : lambda.properties()) {
                    // The authorizer's context values are strings, numbers or booleans; others stay trees.
                    values.put(
                            field.getKey(),
                            field.getValue().isTextual() ? field.getValue().asText() : field.getValue());
                }
                authorizer.setLambda(values);
                requestContext.setAuthorizer(authorizer);
            }
            event.setRequestContext(requestContext);
        }
        return event;
    }

    private static String text(JsonNode value) {
        return value == null || value.isNull() || !value.isValueNode() ? null : value.asText();
    }

    private static Map<String, String> texts(JsonNode object) {
        if (object == null || !object.isObject()) {
            return null;
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            String value = text(field.getValue());
            if (value != null) {
                values.put(field.getKey(), value);
            }
        }
        return values;
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
