package dev.shopfront.local;

/** A function threw instead of answering: API Gateway turns that into a 500 {"message":"Internal Server Error"}. */
class FunctionFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    FunctionFailedException(String function, Throwable cause) {
        super("Function " + function + " failed: " + cause, cause);
    }

    FunctionFailedException(String message) {
        super(message);
    }
}
