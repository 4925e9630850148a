package dev.shopfront.auth;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.shopfront.http.ApiRequest;
import dev.shopfront.http.PlainJson;
import dev.shopfront.http.Priming;
import dev.shopfront.service.Authenticator;
import dev.shopfront.service.Caller;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The HTTP API's Lambda authorizer (REQUEST type, payload 2.0, simple responses): allows a request
 * whose bearer token is good and whose user still exists, passing the user id and the token's expiry to
 * the route's function in the request context; API Gateway answers 403 when it denies. A stream handler, like the
 * HTTP functions: the event is read and the answer written with the project's Jackson, so the Lambda
 * runtime's event serializer never loads (docs/decisions.md). It fails (API Gateway's 500) only when the
 * users table cannot be read; a bad token is always a deny.
 */
public final class AuthorizerHandler implements RequestStreamHandler {
    /** Never a user id: ids are random version-4 UUIDs. */
    private static final String NIL = "00000000-0000-0000-0000-000000000000";

    private final Authenticator auth;

    /** As Lambda builds it: primed before a SnapStart snapshot (docs/snapstart.md). */
    public AuthorizerHandler() {
        this.auth = AuthWiring.authenticator();
        Priming.register("AuthorizerHandler", () -> {
            // A malformed token (denied before any read), then a well-signed one of a user that cannot
            // exist (verified, then one GetItem): the two paths of every real request; nothing is written.
            Priming.send(this, event("Bearer priming"));
            Priming.send(this, event("Bearer " + AuthWiring.tokens().issue(NIL)));
            try {
                write(Optional.of(new Caller(NIL, Instant.EPOCH)), new ByteArrayOutputStream());
            } catch (IOException failure) {
                throw new UncheckedIOException(failure);
            }
        });
    }

    AuthorizerHandler(Authenticator auth) {
        this.auth = auth;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        write(auth.authenticate(authorization(PlainJson.readObject(input))), output);
    }

    /** The {@code Authorization} header, whatever its case; else the identity source, which repeats it. */
    private static String authorization(Map<String, Object> event) {
        if (event.get("headers") instanceof Map<?, ?> headers) {
            for (Map.Entry<?, ?> header : headers.entrySet()) {
                if (String.valueOf(header.getKey()).equalsIgnoreCase("authorization")) {
                    return PlainJson.scalarText(header.getValue());
                }
            }
        }
        return event.get("identitySource") instanceof List<?> sources && !sources.isEmpty()
                ? PlainJson.scalarText(sources.get(0))
                : null;
    }

    /**
     * The simple response: exactly {@code isAuthorized}, and in {@code context} when allowed the caller's id and
     * when the token expires (epoch seconds), which the route's function checks: API Gateway may answer from this
     * response for {@code ReauthorizeEvery} seconds, past that moment.
     */
    private static void write(Optional<Caller> caller, OutputStream output) throws IOException {
        try (JsonGenerator json = PlainJson.generator(output)) {
            json.writeStartObject();
            json.writeBooleanField("isAuthorized", caller.isPresent());
            if (caller.isPresent()) {
                json.writeObjectFieldStart("context");
                json.writeStringField(ApiRequest.CALLER_KEY, caller.get().userId());
                json.writeNumberField(
                        ApiRequest.TOKEN_EXPIRES_KEY,
                        caller.get().tokenExpiresAt().getEpochSecond());
                json.writeEndObject();
            }
            json.writeEndObject();
        }
    }

    private static byte[] event(String authorization) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", "2.0");
        event.put("type", "REQUEST");
        event.put("headers", Map.of("authorization", authorization));
        event.put("identitySource", List.of(authorization));
        return PlainJson.writeBytes(event);
    }
}
