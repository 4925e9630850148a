package dev.shopfront.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.shopfront.log.InvocationLine;
import dev.shopfront.log.JsonLog;
import dev.shopfront.log.LogLevel;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One HTTP invocation, observed: its request id marks every log line written meanwhile, and when it
 * ends it writes one line ({@link InvocationLine}) that is both its access line ({@code message:
 * "request"}, {@code route}, {@code method}, {@code status}, {@code durationMs}, {@code coldStart}, the
 * caller's {@code userId} when signed in) and its EMF document per route ({@code Latency},
 * {@code Errors4xx}, {@code Errors5xx}, {@code ColdStart} and the answer's business count), per
 * docs/operating.md. Nothing of the request's body or headers is written.
 */
final class Invocation {
    /** The first invocation of this container (this class loader, locally) is its cold start. */
    private static final AtomicBoolean COLD = new AtomicBoolean(true);

    private final ApiRequest request;
    private final long started;
    private final boolean coldStart;
    private int status = 500;
    private String counted;

    private Invocation(ApiRequest request) {
        this.request = request;
        this.started = System.nanoTime();
        this.coldStart = COLD.getAndSet(false);
    }

    static Invocation begin(ApiRequest request) {
        JsonLog.beginRequest(request.requestId());
        return new Invocation(request);
    }

    ApiRequest request() {
        return request;
    }

    /** Counts {@code metric} once, if the answer is a success. */
    void counts(String metric) {
        this.counted = metric;
    }

    /** Notes the answer's status; returns the answer. */
    APIGatewayV2HTTPResponse answered(APIGatewayV2HTTPResponse response) {
        this.status = response.getStatusCode();
        return response;
    }

    /** Writes the invocation's line; an answer never noted (the adapter itself threw) is a 500. */
    void end() {
        try {
            double millis = (System.nanoTime() - started) / 1_000_000.0;
            double rounded = Math.round(millis * 100) / 100.0;
            String route = request.routeKey();
            InvocationLine line = InvocationLine.forRoute(
                            status >= 500 ? LogLevel.ERROR : LogLevel.INFO, "request", route)
                    .field("route", route)
                    .field("method", request.method())
                    .field("status", status)
                    .field("durationMs", rounded)
                    .field("coldStart", coldStart)
                    .field("userId", request.signedInCaller().orElse(null))
                    .milliseconds("Latency", rounded)
                    .count("Errors4xx", status >= 400 && status < 500 ? 1 : 0)
                    .count("Errors5xx", status >= 500 ? 1 : 0)
                    .count("ColdStart", coldStart ? 1 : 0);
            if (counted != null && status >= 200 && status < 300) {
                line.count(counted, 1);
            }
            line.write();
        } finally {
            JsonLog.endRequest();
        }
    }
}
