package dev.shopfront.local;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Sends each HTTP request to the function of its route, through the route's authorizer when it has one;
 * a request no route takes may be for the interactive docs.
 */
final class Router {
    private final List<Route> routes;
    private final Map<String, LambdaAuthorizer> authorizers;
    private final ApiDocs docs;

    Router(List<Route> routes, Map<String, LambdaAuthorizer> authorizers) {
        this(routes, authorizers, null);
    }

    /** @param docs answers what no route takes under {@code /_docs} and {@code /_openapi.yaml}, or null for no docs */
    Router(List<Route> routes, Map<String, LambdaAuthorizer> authorizers, ApiDocs docs) {
        this.routes = routes.stream()
                .sorted(Comparator.comparingInt(Route::specificity).reversed())
                .toList();
        this.authorizers = Map.copyOf(authorizers);
        this.docs = docs;
    }

    List<Route> routes() {
        return routes;
    }

    OutgoingResponse handle(IncomingRequest request) {
        long started = System.nanoTime();
        String requestId = HttpApiEvents.newRequestId();
        String function = "-";
        OutgoingResponse response;
        try {
            Route route = null;
            Map<String, String> parameters = null;
            for (Route candidate : routes) {
                parameters = candidate.match(request.method(), request.rawPath());
                if (parameters != null) {
                    route = candidate;
                    break;
                }
            }
            if (route == null) {
                // Only after every route: the docs never shadow one of the template's.
                OutgoingResponse page = docs == null ? null : docs.answer(request);
                response = page != null ? page : OutgoingResponse.message(404, "Not Found");
            } else {
                function = route.function().logicalId();
                response = invoke(
                        route, HttpApiEvents.requestEvent(request, route.routeKey(), parameters, requestId), requestId);
            }
        } catch (RuntimeException e) {
            System.err.println("[local] " + request.method() + " " + request.rawPath() + ": " + e);
            e.printStackTrace();
            response = OutgoingResponse.message(500, "Internal Server Error");
        }
        System.out.printf(
                "%s %s -> %s %d %.1f ms%n",
                request.method(),
                request.rawPath(),
                function,
                response.status(),
                (System.nanoTime() - started) / 1_000_000.0);
        return response;
    }

    private OutgoingResponse invoke(Route route, ObjectNode event, String requestId) {
        if (route.authorizer() != null) {
            OutgoingResponse denied = authorizers.get(route.authorizer()).authorize(event);
            if (denied != null) {
                return denied;
            }
        }
        try {
            byte[] output = route.function()
                    .invoke(HttpApiEvents.JSON.writeValueAsBytes(event), requestId, route.integrationTimeoutMillis());
            return HttpApiEvents.response(output);
        } catch (IntegrationTimedOutException e) {
            // API Gateway's own answer when an HTTP API integration times out.
            System.err.println("[local] " + e.getMessage());
            return OutgoingResponse.message(503, "Service Unavailable");
        } catch (FunctionTimedOutException e) {
            // Lambda reports a timed-out invocation as a function error: API Gateway's 500.
            System.err.println("[local] " + e.getMessage());
            return OutgoingResponse.message(500, "Internal Server Error");
        } catch (FunctionFailedException e) {
            // As on AWS: the function's error goes to its log, the client gets API Gateway's 500.
            System.err.println("[local] " + e.getMessage());
            e.getCause().printStackTrace();
            return OutgoingResponse.message(500, "Internal Server Error");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the event", e);
        }
    }
}
