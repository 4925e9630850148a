package dev.shopfront.http;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An RFC 9457 problem details body; {@code errors} appears only for field-level failures. */
public record Problem(
        URI type, String title, int status, String detail, String instance, String requestId, List<FieldError> errors) {

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

    /** The body as written: RFC 9457's members in its order, then ours; {@code errors} only when there are some. */
    Map<String, Object> fields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("type", type.toString());
        fields.put("title", title);
        fields.put("status", status);
        fields.put("detail", detail);
        fields.put("instance", instance);
        fields.put("requestId", requestId);
        if (errors != null) {
            fields.put("errors", errors);
        }
        return fields;
    }
}
