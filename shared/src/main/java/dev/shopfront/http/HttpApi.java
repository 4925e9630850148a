package dev.shopfront.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/** The adapter between API Gateway HTTP API events and handlers: runs a route and shapes every answer, errors included. */
public final class HttpApi {
    private static final String JSON = "application/json";
    private static final String PROBLEM_JSON = "application/problem+json";

    private HttpApi() {
    }

    /** Runs {@code route} for the event; every failure becomes a problem+json response, unexpected ones a logged 500. */
    public static APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, Context context, Function<ApiRequest, ApiResponse> route) {
        ApiRequest request = new ApiRequest(event, context);
        try {
            return toEvent(route.apply(request));
        } catch (RuntimeException failure) {
            Problem problem = ErrorMapping.problemFor(failure, request.path(), request.requestId());
            if (problem == null) {
                log(context, request, failure);
                problem = ErrorMapping.internal(request.path(), request.requestId());
            }
            return problemResponse(problem);
        }
    }

    private static APIGatewayV2HTTPResponse toEvent(ApiResponse response) {
        Map<String, String> headers = new HashMap<>(response.headers());
        String body = null;
        if (response.body() != null) {
            headers.put("Content-Type", JSON);
            body = write(response.body());
        }
        headers.put("Cache-Control", "no-store");
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(response.status())
                .withHeaders(headers)
                .withBody(body)
                .withIsBase64Encoded(false)
                .build();
    }

    private static APIGatewayV2HTTPResponse problemResponse(Problem problem) {
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(problem.status())
                .withHeaders(Map.of("Content-Type", PROBLEM_JSON, "Cache-Control", "no-store"))
                .withBody(write(problem))
                .withIsBase64Encoded(false)
                .build();
    }

    private static String write(Object body) {
        try {
            return Json.MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialize a response of type " + body.getClass().getName(), e);
        }
    }

    private static void log(Context context, ApiRequest request, RuntimeException failure) {
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        String line = "ERROR unexpected failure requestId=" + request.requestId() + " path=" + request.path() + "\n" + trace;
        if (context != null && context.getLogger() != null) {
            context.getLogger().log(line);
        } else {
            System.err.println(line);
        }
    }
}
