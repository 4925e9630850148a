package dev.shopfront.http;

import java.net.URI;

/** Every kind of error the API answers with: its status, stable {@code type} URI and title (RFC 9457). */
public enum ProblemType {
    VALIDATION(400, "validation-error", "Validation failed"),
    INVALID_BODY(400, "invalid-body", "Invalid request body"),
    INVALID_PARAMETER(400, "invalid-parameter", "Invalid query parameter"),
    INVALID_HEADER(400, "invalid-header", "Invalid header"),
    MALFORMED_JSON(400, "malformed-json", "Malformed JSON"),
    UNAUTHORIZED(401, "unauthorized", "Unauthorized"),
    FORBIDDEN(403, "forbidden", "Forbidden"),
    NOT_FOUND(404, "not-found", "Not Found"),
    USER_EXISTS(409, "user-exists", "User already exists"),
    CONFLICT(409, "conflict", "Conflict"),
    REQUEST_IN_PROGRESS(409, "request-in-progress", "Request in progress"),
    PRECONDITION_FAILED(412, "precondition-failed", "Precondition Failed"),
    PAYLOAD_TOO_LARGE(413, "payload-too-large", "Payload Too Large"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "Unsupported Media Type"),
    IDEMPOTENCY_KEY_REUSED(422, "idempotency-key-reused", "Idempotency key reused"),
    INTERNAL(500, "internal-error", "Internal Server Error");

    private static final String BASE = "https://shopfront.dev/problems/";

    private final int status;
    private final URI type;
    private final String title;

    ProblemType(int status, String slug, String title) {
        this.status = status;
        this.type = URI.create(BASE + slug);
        this.title = title;
    }

    public int status() {
        return status;
    }

    public URI type() {
        return type;
    }

    public String title() {
        return title;
    }
}
