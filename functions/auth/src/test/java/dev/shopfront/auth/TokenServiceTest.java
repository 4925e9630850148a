package dev.shopfront.auth;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.shopfront.devkit.testing.MutableClock;
import dev.shopfront.service.TokenService;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TokenServiceTest {
    /** 64 bytes: long enough for every HMAC algorithm, so only the pinning can refuse HS384/HS512. */
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private static final Duration HOUR = Duration.ofHours(1);
    private static final String NOW = "2026-11-24T22:11:28Z";

    private final String userId = UUID.randomUUID().toString();

    @Test
    void verify_returnsTheUserId_ofATokenItIssued() {
        TokenService tokens = new TokenService(KEY, "shopfront", HOUR, MutableClock.at(NOW));

        assertEquals(Optional.of(userId), tokens.verify(tokens.issue(userId)));
    }

    @Test
    void issue_setsIatToNowAndExpToNowPlusTheLifetime() throws Exception {
        TokenService tokens = new TokenService(KEY, "shopfront", Duration.ofMinutes(15), MutableClock.at(NOW));

        JWTClaimsSet claims = SignedJWT.parse(tokens.issue(userId)).getJWTClaimsSet();

        assertEquals(Instant.parse(NOW), claims.getIssueTime().toInstant());
        assertEquals(Instant.parse("2026-11-24T22:26:28Z"), claims.getExpirationTime().toInstant());
        assertEquals("shopfront", claims.getIssuer());
        assertEquals(userId, claims.getSubject());
    }

    @Test
    void verify_acceptsATokenUntilTheInstantBeforeExp_andRefusesItFromExpOn() {
        // given
        MutableClock clock = MutableClock.at(NOW);
        TokenService tokens = new TokenService(KEY, "shopfront", HOUR, clock);
        String token = tokens.issue(userId);

        // when / then
        clock.advance(HOUR.minusMillis(1));
        assertEquals(Optional.of(userId), tokens.verify(token));
        clock.advance(Duration.ofMillis(1));
        assertEquals(Optional.empty(), tokens.verify(token), "exp itself is too late: no grace");
        clock.advance(Duration.ofDays(1));
        assertEquals(Optional.empty(), tokens.verify(token));
    }

    @Test
    void verify_toleratesAnIatUpTo60SecondsAhead_andRefusesOneFurther() {
        TokenService verifier = new TokenService(KEY, "shopfront", HOUR, MutableClock.at(NOW));
        MutableClock sixtyAhead = MutableClock.at(NOW);
        sixtyAhead.advance(Duration.ofSeconds(60));
        MutableClock sixtyOneAhead = MutableClock.at(NOW);
        sixtyOneAhead.advance(Duration.ofSeconds(61));

        String slightlyAhead = new TokenService(KEY, "shopfront", HOUR, sixtyAhead).issue(userId);
        String fromTheFuture = new TokenService(KEY, "shopfront", HOUR, sixtyOneAhead).issue(userId);

        assertEquals(Optional.of(userId), verifier.verify(slightlyAhead));
        assertEquals(Optional.empty(), verifier.verify(fromTheFuture));
    }

    @Test
    void verify_refusesATokenOfAnotherIssuer() {
        String foreign = new TokenService(KEY, "elsewhere", HOUR, MutableClock.at(NOW)).issue(userId);

        assertEquals(Optional.empty(), new TokenService(KEY, "shopfront", HOUR, MutableClock.at(NOW)).verify(foreign));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"HS384", "HS512"})
    void verify_refusesAnotherHmacAlgorithm_evenUnderTheSameKey(String algorithm) throws Exception {
        Instant now = Instant.parse(NOW);
        String token = sign(JWSAlgorithm.parse(algorithm), new JWTClaimsSet.Builder()
                .issuer("shopfront").subject(userId).issueTime(Date.from(now)).expirationTime(Date.from(now.plus(HOUR))).build());

        assertEquals(Optional.empty(), new TokenService(KEY, "shopfront", HOUR, MutableClock.at(NOW)).verify(token));
    }

    @Test
    void verify_refusesASignedTokenMissingSubExpOrIat() throws Exception {
        Instant now = Instant.parse(NOW);
        TokenService tokens = new TokenService(KEY, "shopfront", HOUR, MutableClock.at(NOW));
        String complete = sign(JWSAlgorithm.HS256, new JWTClaimsSet.Builder().issuer("shopfront").subject(userId)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(HOUR))).build());
        String noSubject = sign(JWSAlgorithm.HS256, new JWTClaimsSet.Builder().issuer("shopfront")
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(HOUR))).build());
        String noExpiry = sign(JWSAlgorithm.HS256, new JWTClaimsSet.Builder().issuer("shopfront").subject(userId)
                .issueTime(Date.from(now)).build());
        String noIssuedAt = sign(JWSAlgorithm.HS256, new JWTClaimsSet.Builder().issuer("shopfront").subject(userId)
                .expirationTime(Date.from(now.plus(HOUR))).build());

        assertEquals(Optional.of(userId), tokens.verify(complete), "the same token with every claim is good");
        assertEquals(Optional.empty(), tokens.verify(noSubject));
        assertEquals(Optional.empty(), tokens.verify(noExpiry));
        assertEquals(Optional.empty(), tokens.verify(noIssuedAt));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  ", "garbage", "a.b.c"})
    void verify_refusesWhatIsNotAToken(String notAToken) {
        assertEquals(Optional.empty(), new TokenService(KEY, "shopfront", HOUR, MutableClock.at(NOW)).verify(notAToken));
    }

    @ParameterizedTest(name = "header {0}")
    @ValueSource(strings = {"null", "[]", "5", "\"HS256\""})
    void verify_refusesRatherThanThrows_whenTheHeaderIsJsonButNotAnObject(String header) {
        // nimbus throws NullPointerException on a header of JSON null
        String token = base64Url(header) + "." + base64Url("{\"sub\":\"" + userId + "\"}") + ".c2lnbmF0dXJl";

        assertEquals(Optional.empty(), new TokenService(KEY, "shopfront", HOUR, MutableClock.at(NOW)).verify(token));
    }

    @Test
    void constructor_refusesAKeyShorterThan32Bytes() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> new TokenService(new byte[31], "shopfront", HOUR, MutableClock.at(NOW)));

        assertEquals("The token signing key must be at least 32 bytes", refused.getMessage());
        assertDoesNotThrow(() -> new TokenService(new byte[32], "shopfront", HOUR, MutableClock.at(NOW)));
    }

    private static String base64Url(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String sign(JWSAlgorithm algorithm, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(algorithm), claims);
        jwt.sign(new MACSigner(KEY));
        return jwt.serialize();
    }
}
