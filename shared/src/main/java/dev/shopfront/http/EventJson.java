package dev.shopfront.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * API Gateway HTTP API payload 2.0 events read, and responses written, with the project's own Jackson
 * ({@link PlainJson}), so a function never loads the Lambda runtime's event serializer, its bundled
 * Jackson and Joda-Time (docs/decisions.md, "Handlers are RequestStreamHandlers"), nor databind.
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
        Map<String, Object> json = PlainJson.readObject(input);
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setVersion(PlainJson.scalarText(json.get("version")));
        event.setRouteKey(PlainJson.scalarText(json.get("routeKey")));
        event.setRawPath(PlainJson.scalarText(json.get("rawPath")));
        event.setRawQueryString(PlainJson.scalarText(json.get("rawQueryString")));
        event.setHeaders(texts(json.get("headers")));
        event.setQueryStringParameters(texts(json.get("queryStringParameters")));
        event.setPathParameters(texts(json.get("pathParameters")));
        event.setBody(PlainJson.scalarText(json.get("body")));
        event.setIsBase64Encoded(Boolean.TRUE.equals(json.get("isBase64Encoded")));
        if (json.get("requestContext") instanceof Map<?, ?> context) {
            APIGatewayV2HTTPEvent.RequestContext requestContext = new APIGatewayV2HTTPEvent.RequestContext();
            requestContext.setRequestId(PlainJson.scalarText(context.get("requestId")));
            requestContext.setRouteKey(PlainJson.scalarText(context.get("routeKey")));
            requestContext.setStage(PlainJson.scalarText(context.get("stage")));
            if (context.get("http") instanceof Map<?, ?> http) {
                APIGatewayV2HTTPEvent.RequestContext.Http requestHttp = new APIGatewayV2HTTPEvent.RequestContext.Http();
                requestHttp.setMethod(PlainJson.scalarText(http.get("method")));
                requestHttp.setPath(PlainJson.scalarText(http.get("path")));
                requestHttp.setProtocol(PlainJson.scalarText(http.get("protocol")));
                requestHttp.setSourceIp(PlainJson.scalarText(http.get("sourceIp")));
                requestHttp.setUserAgent(PlainJson.scalarText(http.get("userAgent")));
                requestContext.setHttp(requestHttp);
            }
            if (context.get("authorizer") instanceof Map<?, ?> authorizerJson
                    && authorizerJson.get("lambda") instanceof Map<?, ?> lambda) {
                APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer =
                        new APIGatewayV2HTTPEvent.RequestContext.Authorizer();
                Map<String, Object> values = new LinkedHashMap<>();
                // The authorizer's context values are strings, numbers or booleans; others stay maps and lists.
                lambda.forEach((name, value) -> values.put(String.valueOf(name), value));
                authorizer.setLambda(values);
                requestContext.setAuthorizer(authorizer);
            }
            event.setRequestContext(requestContext);
        }
        return event;
    }

    private static Map<String, String> texts(Object object) {
        if (!(object instanceof Map<?, ?> fields)) {
            return null;
        }
        Map<String, String> values = new LinkedHashMap<>();
        fields.forEach((name, field) -> {
            String value = PlainJson.scalarText(field);
            if (value != null) {
                values.put(String.valueOf(name), value);
            }
        });
        return values;
    }

    /**
     * Writes exactly the fields API Gateway reads from a payload 2.0 response: {@code statusCode},
     * {@code headers}, {@code body} (when there is one) and {@code isBase64Encoded}.
     */
    static void write(APIGatewayV2HTTPResponse response, OutputStream output) throws IOException {
        try (JsonGenerator json = PlainJson.generator(output)) {
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
