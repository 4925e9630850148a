package dev.shopfront.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.net.URI;
import java.util.List;

/** An RFC 9457 problem details body; {@code errors} appears only for field-level failures. */
@JsonPropertyOrder({"type", "title", "status", "detail", "instance", "requestId", "errors"})
public record Problem(
        URI type,
        String title,
        int status,
        String detail,
        String instance,
        String requestId,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<FieldError> errors) {

    public static Problem of(
            ProblemType kind, String detail, String instance, String requestId, List<FieldError> errors) {
        return new Problem(
                kind.type(),
                kind.title(),
                kind.status(),
                detail,
                instance,
                requestId,
                errors == null || errors.isEmpty() ? null : List.copyOf(errors));
    }
}
