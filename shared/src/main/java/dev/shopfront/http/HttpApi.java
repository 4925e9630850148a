package dev.shopfront.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.shopfront.error.NotFoundException;
import dev.shopfront.error.StorageException;
import dev.shopfront.log.JsonLog;
import dev.shopfront.log.LogLevel;
import dev.shopfront.service.Idempotency;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/** The adapter between API Gateway HTTP API events and handlers: runs a route and shapes every answer, errors included. */
public final class HttpApi {
    private static final String JSON = "application/json";
    private static final String PROBLEM_JSON = "application/problem+json";
    /** On a replayed answer (contract v2, idempotent creation). */
    public static final String REPLAYED = "Idempotent-Replayed";
    /** The headers of a success that a replay repeats, besides the content type. */
    private static final List<String> REPLAYED_HEADERS = List.of("Location", "ETag");

    private static final Duration DEFAULT_RUN_TIME = Duration.ofSeconds(15);

    /** A GET as API Gateway sends it, cut to the fields a function reads. */
    private static final byte[] REHEARSAL_EVENT = """
        {"version": "2.0", "routeKey": "GET /products/{id}",
         "rawPath": "/products/00000000-0000-0000-0000-000000000000", "rawQueryString": "",
         "headers": {"accept": "application/json", "user-agent": "rehearsal"},
         "pathParameters": {"id": "00000000-0000-0000-0000-000000000000"},
         "requestContext": {"requestId": "rehearsal", "routeKey": "GET /products/{id}", "stage": "$default",
           "http": {"method": "GET", "path": "/products/00000000-0000-0000-0000-000000000000",
                    "protocol": "HTTP/1.1", "sourceIp": "192.0.2.1", "userAgent": "rehearsal"}},
         "isBase64Encoded": false}
        """.getBytes(StandardCharsets.UTF_8);

    private HttpApi() {}

    /**
     * The entry of a {@code RequestStreamHandler}: reads the payload 2.0 event from {@code input} as API
     * Gateway sends it, runs {@code route} as {@link #handle(APIGatewayV2HTTPEvent, Context, Function)} does,
     * and writes the response to {@code output} as API Gateway reads it.
     *
     * @throws IOException when {@code input} is not an event: the integration is broken, and Lambda reports the error
     */
    public static void handle(
            InputStream input, OutputStream output, Context context, Function<ApiRequest, ApiResponse> route)
            throws IOException {
        EventJson.write(handle(EventJson.read(input), context, route), output);
    }

    /** As {@link #handle(InputStream, OutputStream, Context, Function)}, for a route that creates (see {@link #handleIdempotent}). */
    public static void handleIdempotent(
            InputStream input,
            OutputStream output,
            Context context,
            Idempotency idempotency,
            Function<ApiRequest, ApiResponse> route)
            throws IOException {
        handleIdempotent(input, output, context, idempotency, request -> {}, route);
    }

    /**
     * As {@link #handleIdempotent(InputStream, OutputStream, Context, Idempotency, Function)}, for a route whose
     * caller must still exist: {@code beforeReplay} runs the route's own check of the caller before a saved answer
     * is replayed. API Gateway's authorizer cache lets a deleted user's token through for a few minutes, and the
     * route itself never runs on a replay, so without it that token would still get the first answer (API.md: "A
     * token of a deleted user no longer works").
     */
    public static void handleIdempotent(
            InputStream input,
            OutputStream output,
            Context context,
            Idempotency idempotency,
            Consumer<ApiRequest> beforeReplay,
            Function<ApiRequest, ApiResponse> route)
            throws IOException {
        EventJson.write(handleIdempotent(EventJson.read(input), context, idempotency, beforeReplay, route), output);
    }

    /** Runs {@code route} for the event; every failure becomes a problem+json response, unexpected ones a logged 500. */
    public static APIGatewayV2HTTPResponse handle(
            APIGatewayV2HTTPEvent event, Context context, Function<ApiRequest, ApiResponse> route) {
        Invocation invocation = Invocation.begin(new ApiRequest(event, context));
        try {
            return invocation.answered(run(invocation, route));
        } finally {
            invocation.end();
        }
    }

    /** The route's answer, or the problem its failure maps to. */
    private static APIGatewayV2HTTPResponse run(Invocation invocation, Function<ApiRequest, ApiResponse> route) {
        return attempt(invocation, route).response();
    }

    /** The route's answer, and the failure it was made from, if it failed. */
    private record Attempt(APIGatewayV2HTTPResponse response, RuntimeException failure) {}

    private static Attempt attempt(Invocation invocation, Function<ApiRequest, ApiResponse> route) {
        ApiRequest request = invocation.request();
        try {
            request.refuseUnacceptableBody();
            ApiResponse answer = route.apply(request);
            invocation.counts(answer.counted());
            return new Attempt(toEvent(answer), null);
        } catch (RuntimeException failure) {
            return new Attempt(failureResponse(request, failure), failure);
        }
    }

    /**
     * As {@link #handle}, for a route that creates: with an {@code Idempotency-Key} header, a repeat
     * of a success creates nothing and gets the first answer with {@code Idempotent-Replayed: true};
     * the same key with another body is 422, and 409 while the first attempt may still run. The route
     * creates under {@link ApiRequest#newResourceId()} and, given an id already used, returns what is
     * stored under it (docs/idempotency.md). Without the header, this is {@link #handle}.
     */
    public static APIGatewayV2HTTPResponse handleIdempotent(
            APIGatewayV2HTTPEvent event,
            Context context,
            Idempotency idempotency,
            Consumer<ApiRequest> beforeReplay,
            Function<ApiRequest, ApiResponse> route) {
        Invocation invocation = Invocation.begin(new ApiRequest(event, context));
        try {
            return invocation.answered(runIdempotent(invocation, context, idempotency, beforeReplay, route));
        } finally {
            invocation.end();
        }
    }

    private static APIGatewayV2HTTPResponse runIdempotent(
            Invocation invocation,
            Context context,
            Idempotency idempotency,
            Consumer<ApiRequest> beforeReplay,
            Function<ApiRequest, ApiResponse> route) {
        ApiRequest request = invocation.request();
        Idempotency.Run run;
        try {
            Optional<String> key = request.idempotencyKey();
            if (key.isEmpty()) {
                return run(invocation, route);
            }
            // A repeat is answered from the record without its body being read, so the one check on a body that
            // its bytes (the record's fingerprint) do not settle, its content type, is made first: a replay is no
            // way around a 415.
            request.refuseUnacceptableBody();
            Idempotency.Start start = idempotency.begin(
                    new Idempotency.Request(
                            request.idempotencyCaller(), request.routeKey(), key.get(), request.bodyDigest()),
                    runTime(context));
            if (start instanceof Idempotency.Replay replay) {
                beforeReplay.accept(request);
                return replayed(replay.response());
            }
            run = (Idempotency.Run) start;
        } catch (RuntimeException failure) {
            return failureResponse(request, failure);
        }

        request.createUnder(run.resourceId());
        Attempt attempt = attempt(invocation, route);
        if (attempt.failure() instanceof StorageException outage && outage.unanswered()) {
            // The database let the route's call run out its whole budget: settling now would most likely wait as
            // long again, and the 500 would take twice the time the functions answer an outage in. The record is
            // left as one that could not be settled: a retry on this container runs at once, elsewhere after the
            // lease (docs/idempotency.md).
            idempotency.unsettled(run);
            JsonLog.warn(
                    "The idempotency record is left to its lease: the database did not answer the request's call",
                    "route",
                    request.routeKey());
        } else {
            settle(idempotency, run, attempt.response(), request);
        }
        return attempt.response();
    }

    /** Records how the attempt ended; a failure to record it never changes the answer, which is already certain. */
    private static void settle(
            Idempotency idempotency, Idempotency.Run run, APIGatewayV2HTTPResponse response, ApiRequest request) {
        int status = response.getStatusCode();
        try {
            if (status >= 200 && status < 300) {
                Map<String, String> kept = new HashMap<>();
                for (String name : REPLAYED_HEADERS) {
                    String value = response.getHeaders() == null
                            ? null
                            : response.getHeaders().get(name);
                    if (value != null) {
                        kept.put(name, value);
                    }
                }
                idempotency.succeeded(run, new Idempotency.SavedResponse(status, kept, response.getBody()));
            } else if (status >= 500) {
                idempotency.failedWithUnknownEffect(run);
            } else {
                idempotency.failedWithoutEffect(run);
            }
        } catch (RuntimeException bookkeeping) {
            // The record stays in progress until its lease ends, or until a retry reaches this container; a retry
            // then runs under the same resource id.
            idempotency.unsettled(run);
            JsonLog.error(
                    "The idempotency record could not be settled; a retry on this container runs at once, elsewhere"
                            + " after the lease",
                    bookkeeping,
                    "route",
                    request.routeKey());
        }
    }

    private static APIGatewayV2HTTPResponse replayed(Idempotency.SavedResponse saved) {
        Map<String, String> headers = new HashMap<>(saved.headers());
        if (saved.body() != null) {
            headers.put("Content-Type", JSON);
        }
        headers.put("Cache-Control", "no-store");
        headers.put(REPLAYED, "true");
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(saved.status())
                .withHeaders(headers)
                .withBody(saved.body())
                .withIsBase64Encoded(false)
                .build();
    }

    /** The longest this invocation can still run: its remaining time, which Lambda enforces. */
    private static Duration runTime(Context context) {
        int remaining = context == null ? 0 : context.getRemainingTimeInMillis();
        // Without a Lambda context (a test calling a handler directly): the template's timeout.
        return remaining > 0 ? Duration.ofMillis(remaining) : DEFAULT_RUN_TIME;
    }

    /**
     * Runs the JSON half of a request without a route: a payload 2.0 event read, a success and a problem
     * written. For a function's construction, on a thread beside its wiring, so the first request finds the
     * mapper built and its classes loaded (BENCHMARKS.md, "Cold start"). Changes nothing; a failure is
     * logged, never thrown, as the function works without it.
     */
    public static void rehearse() {
        try {
            APIGatewayV2HTTPEvent event = EventJson.read(new ByteArrayInputStream(REHEARSAL_EVENT));
            ApiRequest request = new ApiRequest(event, null);
            EventJson.write(
                    toEvent(ApiResponse.ok(Map.of("id", request.pathId("id")))), OutputStream.nullOutputStream());
            EventJson.write(
                    failureResponse(request, new NotFoundException("Rehearsal")), OutputStream.nullOutputStream());
        } catch (IOException | RuntimeException failure) {
            JsonLog.at(LogLevel.WARN, "The JSON rehearsal failed; the function works, its first request is slower")
                    .failure(failure)
                    .write();
        }
    }

    private static APIGatewayV2HTTPResponse failureResponse(ApiRequest request, RuntimeException failure) {
        Problem problem = ErrorMapping.problemFor(failure, request.path(), request.requestId());
        if (problem == null) {
            JsonLog.error("Unexpected failure", failure, "route", request.routeKey());
            problem = ErrorMapping.internal(request.path(), request.requestId());
        }
        return problemResponse(problem);
    }

    private static APIGatewayV2HTTPResponse toEvent(ApiResponse response) {
        Map<String, String> headers = new HashMap<>(response.headers());
        String body = null;
        if (response.body() != null) {
            headers.put("Content-Type", JSON);
            body = PlainJson.write(response.body());
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
                .withBody(PlainJson.write(problem.fields()))
                .withIsBase64Encoded(false)
                .build();
    }
}
