package dev.shopfront.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.shopfront.error.NotFoundException;
import dev.shopfront.error.PreconditionFailedException;
import dev.shopfront.error.UnauthorizedException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** An API Gateway HTTP API (payload 2.0) request, read the way handlers need it. */
public final class ApiRequest {
    private static final Pattern UUID =
            Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

    /** The authorizer context key holding the caller's user id. */
    public static final String CALLER_KEY = "userId";
    /**
     * The authorizer context's key of the token's expiry (epoch seconds). API Gateway reuses an authorizer's answer
     * for {@code ReauthorizeEvery} seconds, which may run past it; an event without it (one made by hand) is not
     * checked.
     */
    public static final String TOKEN_EXPIRES_KEY = "tokenExpiresAt";

    // The version as its ETag spells it: entity tags compare as strings, so "02" matches no version.
    private static final Pattern ENTITY_TAG = Pattern.compile("^\"([1-9]\\d{0,17})\"$");
    /** A weak entity tag: well-formed, and never matched by If-Match, which compares strongly. */
    private static final Pattern WEAK_ENTITY_TAG = Pattern.compile("^W/\"[\\x21\\x23-\\x7E]*\"$");

    /** The most versions an If-Match list may name: DynamoDB's limit on the values of one IN. */
    static final int MAX_IF_MATCH_TAGS = 100;

    /** The header that makes a creation idempotent (contract v2). */
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private static final Pattern PRINTABLE_ASCII = Pattern.compile("[\\x20-\\x7E]{1,255}");
    /** The caller of a public route, for idempotency keys: keys of signed-in users never meet it. */
    static final String ANONYMOUS = "anonymous";

    private final APIGatewayV2HTTPEvent event;
    private final String requestId;
    private String resourceId;

    ApiRequest(APIGatewayV2HTTPEvent event, Context context) {
        this.event = event;
        this.requestId = requestIdOf(event, context);
    }

    /** API Gateway's request id (what the client sees), else Lambda's. */
    public String requestId() {
        return requestId;
    }

    public String path() {
        if (event.getRawPath() != null) {
            return event.getRawPath();
        }
        return event.getRequestContext() != null && event.getRequestContext().getHttp() != null
                ? event.getRequestContext().getHttp().getPath()
                : null;
    }

    /** A header by name, whatever its case (API Gateway lower-cases them; hand-written events may not). */
    public Optional<String> header(String name) {
        Map<String, String> headers = event.getHeaders();
        if (headers == null) {
            return Optional.empty();
        }
        String exact = headers.get(name.toLowerCase(Locale.ROOT));
        if (exact != null) {
            return Optional.of(exact);
        }
        return headers.entrySet().stream()
                .filter(h -> h.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue)
                .findFirst();
    }

    /**
     * A path parameter that must be a UUID, lower-cased.
     *
     * @throws NotFoundException when it is missing or not a UUID: no resource can have that id
     */
    public String pathId(String name) {
        String value = event.getPathParameters() == null
                ? null
                : event.getPathParameters().get(name);
        if (value == null || !UUID.matcher(value).matches()) {
            throw new NotFoundException("No resource has the id given in the path");
        }
        return value.toLowerCase(Locale.ROOT);
    }

    /** A query string parameter (repeated ones arrive comma-joined), or null when absent. */
    public String query(String name) {
        Map<String, String> parameters = event.getQueryStringParameters();
        return parameters == null ? null : parameters.get(name);
    }

    /**
     * The versions an {@code If-Match} header accepts: {@code "3"}, or a list such as {@code "3", "4"} (RFC
     * 9110; API Gateway also joins repeated headers with commas), or null without one (or with {@code *},
     * which any current version matches). A weak tag never matches (If-Match compares strongly) and is
     * passed over.
     *
     * @throws PreconditionFailedException for a header no version can match: no strong tag, a malformed
     *     one, or more than {@value #MAX_IF_MATCH_TAGS} tags
     */
    public Set<Long> ifMatchVersions() {
        String header = header("if-match").map(String::strip).orElse(null);
        if (header == null || header.equals("*")) {
            return null;
        }
        Set<Long> versions = new LinkedHashSet<>();
        for (String element : header.split(",", -1)) {
            String tag = element.strip();
            // The list syntax allows empty elements; a weak tag is well-formed but matches nothing.
            if (tag.isEmpty() || WEAK_ENTITY_TAG.matcher(tag).matches()) {
                continue;
            }
            java.util.regex.Matcher strong = ENTITY_TAG.matcher(tag);
            if (!strong.matches()) {
                throw new PreconditionFailedException(
                        "If-Match must be the quoted version of the product, like \"3\", or a list of them");
            }
            versions.add(Long.parseLong(strong.group(1)));
        }
        if (versions.isEmpty()) {
            throw new PreconditionFailedException("If-Match names no version of this product");
        }
        if (versions.size() > MAX_IF_MATCH_TAGS) {
            throw new PreconditionFailedException("If-Match names more than " + MAX_IF_MATCH_TAGS + " versions");
        }
        return versions;
    }

    /**
     * The signed-in caller's user id, which the Lambda authorizer put in the request context.
     *
     * @throws UnauthorizedException when there is none: the route is not behind the authorizer
     */
    public String callerId() {
        String id = signedInCaller()
                .orElseThrow(() -> new UnauthorizedException("Sign in and send Authorization: Bearer <accessToken>"));
        refuseAnExpiredToken();
        return id;
    }

    /**
     * @throws UnauthorizedException when the token the authorizer let in has expired since: API Gateway answered from
     *     its cache of the authorizer's answers (API.md: a token is valid for {@code expiresIn} seconds)
     */
    private void refuseAnExpiredToken() {
        Object expires = authorizerContext().get(TOKEN_EXPIRES_KEY);
        if (expires == null) {
            return;
        }
        long expiresAt;
        try {
            expiresAt = expires instanceof Number number ? number.longValue() : Long.parseLong(expires.toString());
        } catch (NumberFormatException notANumber) {
            expiresAt = Long.MIN_VALUE; // not what our authorizer writes: no expiry to trust
        }
        if (Instant.now().getEpochSecond() >= expiresAt) {
            throw new UnauthorizedException("The access token has expired: sign in again");
        }
    }

    /**
     * The id for the resource this request creates. Every attempt of one idempotent request gets the
     * same id, so a retry after a lost answer finds what its first attempt created instead of creating
     * another; any other request gets a new random UUID.
     */
    public String newResourceId() {
        if (resourceId == null) {
            resourceId = java.util.UUID.randomUUID().toString();
        }
        return resourceId;
    }

    /** This request is one attempt of an idempotent request whose resource id is {@code id}. */
    void createUnder(String id) {
        this.resourceId = id;
    }

    /**
     * The {@code Idempotency-Key} header, if sent.
     *
     * @throws RequestRejectedException (400 naming the header) when it is not 1 to 255 printable ASCII characters
     */
    Optional<String> idempotencyKey() {
        Optional<String> key = header(IDEMPOTENCY_KEY);
        if (key.isPresent() && !PRINTABLE_ASCII.matcher(key.get()).matches()) {
            throw new RequestRejectedException(
                    ProblemType.INVALID_HEADER,
                    "The Idempotency-Key header is not acceptable",
                    List.of(new FieldError(IDEMPOTENCY_KEY, "must be 1 to 255 printable ASCII characters")));
        }
        return key;
    }

    /** Whose idempotency keys this request's key is among: the signed-in user, else {@value #ANONYMOUS}. */
    String idempotencyCaller() {
        Optional<String> caller = signedInCaller();
        if (caller.isPresent()) {
            refuseAnExpiredToken(); // a replay is no way around an expired token
        }
        return caller.orElse(ANONYMOUS);
    }

    /** The signed-in caller's user id, when the authorizer put one in the request context. */
    Optional<String> signedInCaller() {
        return authorizerContext().get(CALLER_KEY) instanceof String id && !id.isBlank()
                ? Optional.of(id)
                : Optional.empty();
    }

    /** What the Lambda authorizer put in the request context; empty when the route is not behind it. */
    private Map<String, Object> authorizerContext() {
        if (event.getRequestContext() != null
                && event.getRequestContext().getAuthorizer() != null
                && event.getRequestContext().getAuthorizer().getLambda() != null) {
            return event.getRequestContext().getAuthorizer().getLambda();
        }
        return Map.of();
    }

    /** The HTTP method, as API Gateway gives it. */
    String method() {
        if (event.getRequestContext() != null
                && event.getRequestContext().getHttp() != null
                && event.getRequestContext().getHttp().getMethod() != null) {
            return event.getRequestContext().getHttp().getMethod();
        }
        String route = routeKey();
        int space = route.indexOf(' ');
        return space > 0 ? route.substring(0, space) : null;
    }

    /** The route this request came in on, as API Gateway names it ({@code POST /products}). */
    String routeKey() {
        if (event.getRouteKey() != null && !event.getRouteKey().isBlank()) {
            return event.getRouteKey();
        }
        String method =
                event.getRequestContext() != null && event.getRequestContext().getHttp() != null
                        ? event.getRequestContext().getHttp().getMethod()
                        : null;
        return method + " " + path();
    }

    /**
     * SHA-256 (hex) of the body bytes: two requests with the same body have one digest. The content type
     * is left out: only a success is kept, every success had a JSON content type, and the contract replays
     * "the same body" whatever spelling of it came with the repeat ({@code charset=utf-8} or not).
     */
    String bodyDigest() {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            byte[] body = bodyBytes();
            if (body != null) {
                sha256.update(body);
            }
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }

    /**
     * Refuses a body that does not say {@code Content-Type: application/json} with 415, on every route,
     * those that read no body included (contract, "Everywhere": "a request that carries a body must say"
     * so). A route that reads its body checks the rest: its shape, its size (413). A {@code GET} or
     * {@code DELETE} reads none, so its body is checked here as one that must hold no property: 413
     * above 64 KiB, 400 when it is not a JSON object or names a property ({@code {}} passes).
     */
    void refuseUnacceptableBody() {
        String body = event.getBody();
        if (body == null || body.isEmpty()) {
            return;
        }
        String contentType = header("content-type").orElse(null);
        if ("GET".equalsIgnoreCase(method()) || "DELETE".equalsIgnoreCase(method())) {
            RequestBodies.read(contentType, bodyBytes(), NoProperties.class);
        } else {
            RequestBodies.requireJson(contentType);
        }
    }

    /** The body of a route that reads none: an empty JSON object at most. */
    record NoProperties() {}

    /** The body as a validated record of {@code type}: 400, 413 or 415 when it is not acceptable. */
    public <T> T body(Class<T> type) {
        return RequestBodies.read(header("content-type").orElse(null), bodyBytes(), type);
    }

    /** The body as a validated record of {@code type}, for a route that takes bodies up to {@code maxBytes} (413 above). */
    public <T> T body(Class<T> type, int maxBytes) {
        return RequestBodies.read(header("content-type").orElse(null), bodyBytes(), type, maxBytes);
    }

    private byte[] bodyBytes() {
        String body = event.getBody();
        if (body == null) {
            return null;
        }
        if (event.getIsBase64Encoded()) {
            try {
                return Base64.getDecoder().decode(body);
            } catch (IllegalArgumentException notBase64) {
                throw new RequestRejectedException(ProblemType.MALFORMED_JSON, "The body could not be decoded");
            }
        }
        return body.getBytes(StandardCharsets.UTF_8);
    }

    private static String requestIdOf(APIGatewayV2HTTPEvent event, Context context) {
        if (event.getRequestContext() != null && event.getRequestContext().getRequestId() != null) {
            return event.getRequestContext().getRequestId();
        }
        return context != null ? context.getAwsRequestId() : null;
    }
}
