package dev.shopfront.http;

import java.util.List;

/** The request itself is unacceptable (bad body, wrong media type, too large): answered with its problem type. */
public final class RequestRejectedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ProblemType kind;
    // Never serialized (exceptions stay inside the function); transient says so to the compiler.
    private final transient List<FieldError> errors;

    public RequestRejectedException(ProblemType kind, String detail) {
        this(kind, detail, List.of());
    }

    public RequestRejectedException(ProblemType kind, String detail, List<FieldError> errors) {
        super(detail, null, false, false);
        this.kind = kind;
        this.errors = List.copyOf(errors);
    }

    public ProblemType kind() {
        return kind;
    }

    public List<FieldError> errors() {
        return errors;
    }
}
