package dev.shopfront.local;

/**
 * A function ran past its {@code Timeout}: Lambda abandons the invocation and reports a function
 * error, which API Gateway answers as a 500 {"message":"Internal Server Error"}.
 */
final class FunctionTimedOutException extends FunctionFailedException {
    private static final long serialVersionUID = 1L;

    FunctionTimedOutException(String function, int timeoutSeconds) {
        // Lambda's own words for it, as its log and error payload say them.
        super("Function " + function + ": Task timed out after " + timeoutSeconds + ".00 seconds");
    }
}
