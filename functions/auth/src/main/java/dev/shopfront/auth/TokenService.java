package dev.shopfront.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.shopfront.service.AccessTokens;
import dev.shopfront.service.Caller;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Issues and verifies access tokens: JWTs signed with HMAC-SHA256 under the template's secret. The
 * algorithm is pinned: a token whose header names any other ({@code none} included) is refused.
 */
public final class TokenService implements AccessTokens {
    private static final JWSAlgorithm ALGORITHM = JWSAlgorithm.HS256;
    /** Tolerated clock difference for {@code iat} only; {@code exp} is exact. */
    private static final Duration ISSUED_AT_SKEW = Duration.ofSeconds(60);

    private static final Pattern COMPACT = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    /** Ours are about 300 characters; a longer one is not ours, and is not worth decoding. */
    static final int MAX_TOKEN_LENGTH = 4096;

    private final JWSSigner signer;
    private final JWSVerifier verifier;
    private final String issuer;
    private final Duration lifetime;
    private final Clock clock;

    /**
     * @param key the HMAC key, at least 32 bytes
     * @throws IllegalArgumentException when the key is shorter than HS256 allows
     */
    public TokenService(byte[] key, String issuer, Duration lifetime, Clock clock) {
        try {
            this.signer = new MACSigner(key);
            this.verifier = new MACVerifier(key);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("The token signing key must be at least 32 bytes", e);
        }
        this.issuer = issuer;
        this.lifetime = lifetime;
        this.clock = clock;
    }

    @Override
    public Duration lifetime() {
        return lifetime;
    }

    /** A token for {@code userId}, valid for the configured lifetime from now. */
    @Override
    public String issue(String userId) {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(userId)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT token = new SignedJWT(
                new JWSHeader.Builder(ALGORITHM).type(JOSEObjectType.JWT).build(), claims);
        try {
            token.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign a token", e);
        }
        return token.serialize();
    }

    /**
     * Who a good token stands for, and its expiry: in the canonical compact serialization, signed by us with HS256,
     * from our issuer, not expired, not issued in the future.
     */
    @Override
    public Optional<Caller> verify(String token) {
        if (!isCanonical(token)) {
            return Optional.empty();
        }
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!ALGORITHM.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) {
                return Optional.empty();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Instant now = clock.instant();
            Date expires = claims.getExpirationTime();
            Date issued = claims.getIssueTime();
            if (!issuer.equals(claims.getIssuer())
                    || claims.getSubject() == null
                    || expires == null
                    || !now.isBefore(expires.toInstant())
                    || issued == null
                    || issued.toInstant().isAfter(now.plus(ISSUED_AT_SKEW))) {
                return Optional.empty();
            }
            return Optional.of(new Caller(claims.getSubject(), expires.toInstant()));
        } catch (ParseException | JOSEException | RuntimeException notAGoodToken) {
            // Malformed, unsigned (alg none parses as a plain JWT and fails here) or not verifiable. The
            // library also throws unchecked exceptions on some input (a header of JSON null: a
            // NullPointerException); a token from the wire that breaks the parser is refused, never a 500.
            return Optional.empty();
        }
    }

    /**
     * True for exactly the spelling {@link #issue} produces: three base64url segments without padding,
     * each the one encoding of its bytes. Decoders forgive padding, whitespace and the unused low bits
     * of a last character, so one signature has many spellings; each would be a token of its own to a
     * cache or a deny list, and none of them is one we issued.
     */
    static boolean isCanonical(String token) {
        if (token == null
                || token.length() > MAX_TOKEN_LENGTH
                || !COMPACT.matcher(token).matches()) {
            return false;
        }
        for (String segment : token.split("\\.", -1)) {
            try {
                if (!BASE64URL
                        .encodeToString(Base64.getUrlDecoder().decode(segment))
                        .equals(segment)) {
                    return false;
                }
            } catch (IllegalArgumentException notBase64) {
                return false;
            }
        }
        return true;
    }
}
