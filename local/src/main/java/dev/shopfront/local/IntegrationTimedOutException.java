package dev.shopfront.local;

/**
 * API Gateway stopped waiting for a function (the route's integration timeout, at most 30 s, came
 * before the function's own {@code Timeout}): HTTP APIs answer 503 {"message":"Service Unavailable"}.
 */
final class IntegrationTimedOutException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    IntegrationTimedOutException(String function, long timeoutMillis) {
        super("Function " + function + " did not answer within the route's integration timeout of " + timeoutMillis
                + " ms");
    }
}
