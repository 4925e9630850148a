package dev.shopfront.service;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.shopfront.error.InvalidParameterException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Opaque, tamper-proof list cursors: the position (a DynamoDB key) and the list it belongs to,
 * signed with HMAC-SHA256. An edited, truncated or foreign cursor is refused before any read, so a
 * client can never make the server read from a key of its choosing.
 */
public final class CursorCodec {
    /** jackson-jr, not databind: a list function reads no request body and builds no ObjectMapper. */
    private static final JSON JR = JSON.std;

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final String PARAMETER = "cursor";

    private final SecretKeySpec key;

    /** @param key at least 32 bytes */
    public CursorCodec(byte[] key) {
        if (key.length < 32) {
            throw new IllegalArgumentException("The cursor signing key must be at least 32 bytes");
        }
        this.key = new SecretKeySpec(key, "HmacSHA256");
    }

    /**
     * @param list what the cursor is bound to, e.g. {@code category:shoes}
     * @param position the key to continue after
     */
    public String encode(String list, Map<String, String> position) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("l", list);
        body.put("k", position);
        try {
            String payload = ENCODER.encodeToString(JR.asBytes(body));
            return payload + "." + ENCODER.encodeToString(sign(payload));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write a cursor", e);
        }
    }

    /**
     * The position of a cursor this server issued for {@code list}.
     *
     * @throws InvalidParameterException for any other cursor
     */
    public Map<String, String> decode(String list, String cursor) {
        int dot = cursor.indexOf('.');
        if (dot <= 0 || dot == cursor.length() - 1) {
            throw invalid();
        }
        String payload = cursor.substring(0, dot);
        try {
            // The signature's text is compared, not its decoded bytes: base64 decoding ignores a last
            // character's spare bits and accepts padding, so other texts decode to the same signature.
            byte[] expected = ENCODER.encodeToString(sign(payload)).getBytes(StandardCharsets.US_ASCII);
            byte[] signature = cursor.substring(dot + 1).getBytes(StandardCharsets.UTF_8);
            // Constant-time comparison: the time taken says nothing about how close a forgery came.
            if (!MessageDigest.isEqual(expected, signature)) {
                throw invalid();
            }
            Map<String, Object> body = JR.mapFrom(DECODER.decode(payload));
            if (body == null || !list.equals(body.get("l")) || !(body.get("k") instanceof Map<?, ?> position)) {
                throw invalid();
            }
            Map<String, String> key = new LinkedHashMap<>();
            position.forEach((name, value) -> key.put(String.valueOf(name), String.valueOf(value)));
            return key;
        } catch (IllegalArgumentException | IOException e) {
            throw invalid();
        }
    }

    private byte[] sign(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static InvalidParameterException invalid() {
        return new InvalidParameterException(PARAMETER, "is not a cursor this list issued");
    }
}
