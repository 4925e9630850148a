package dev.shopfront.http;

import java.util.Map;

/**
 * What a handler answers: a status, extra headers and an optional body serialized as JSON.
 *
 * @param body a record to send as JSON, or null for no body
 * @param counted the business metric this answer counts once ({@code UsersCreated}), or null
 */
public record ApiResponse(int status, Map<String, String> headers, Object body, String counted) {

    public static ApiResponse ok(Object body) {
        return new ApiResponse(200, Map.of(), body, null);
    }

    /** 201 with the new resource's path in {@code Location}. */
    public static ApiResponse created(String location, Object body) {
        return new ApiResponse(201, Map.of("Location", location), body, null);
    }

    /** 202: the work was accepted and goes on; {@code Location} is where to follow it. */
    public static ApiResponse accepted(String location, Object body) {
        return new ApiResponse(202, Map.of("Location", location), body, null);
    }

    public static ApiResponse noContent() {
        return new ApiResponse(204, Map.of(), null, null);
    }

    /** This response with one more header. */
    public ApiResponse withHeader(String name, String value) {
        Map<String, String> more = new java.util.LinkedHashMap<>(headers);
        more.put(name, value);
        return new ApiResponse(status, Map.copyOf(more), body, counted);
    }

    /** This response with {@code ETag: "<version>"}, the version {@code If-Match} takes back. */
    public ApiResponse withETag(long version) {
        return withHeader("ETag", "\"" + version + "\"");
    }

    /** This response, counting one {@code metric} (a business count of the invocation's line, docs/operating.md). */
    public ApiResponse counting(String metric) {
        return new ApiResponse(status, headers, body, metric);
    }
}
