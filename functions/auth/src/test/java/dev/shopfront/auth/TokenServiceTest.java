package dev.shopfront.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.shopfront.devkit.testing.MutableClock;
import dev.shopfront.service.Caller;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TokenServiceTest {
    /** 64 bytes: long enough for every HMAC algorithm, so only the pinning can refuse HS384/HS512. */
    private static final byte[] KEY =
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);

    private static final Duration HOUR = Duration.ofHours(1);
    private static final String NOW = "2026-11-24T22:11:28Z";

    private final String userId = UUID.randomUUID().toString();

    @Test
    void verify_returnsTheUserId_ofATokenItIssued() {
        TokenService tokens = new TokenService(KEY, "shopfront", HOUR, MutableClock.at(NOW));

        assertEquals(Optional.of(userId), tokens.verify(tokens.issue(userId)).map(Caller::userId));
    }

    @Test
    void issue_setsIatToNowAndExpToNowPlusTheLifetime() throws Exception {
        TokenService tokens = new TokenService(KEY, "shopfront", Duration.ofMinutes(15), MutableClock.at(NOW));

        JWTClaimsSet claims = SignedJWT.parse(tokens.issue(userId)).getJWTClaimsSet();

        assertEquals(Instant.parse(NOW), claims.getIssueTime().toInstant());
        assertEquals(
                Instant.parse("2026-11-24T22:26:28Z"),
                claims.getExpirationTime().toInstant());
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
        assertEquals(Optional.of(userId), tokens.verify(token).map(Caller::userId));
        clock.advance(Duration.ofMillis(1));
        assertEquals(Optional.empty(), tokens.verify(token).map(Caller::userId), "exp itself is too late: no grace");
        clock.advance(Duration.ofDays(1));
        assertEquals(Optional.empty(), tokens.verify(token).map(Caller::userId));
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

        assertEquals(Optional.of(userId), verifier.verify(slightlyAhead).map(Caller::userId));
        assertEquals(Optional.empty(), verifier.verify(fromTheFuture).map(Caller::userId));
    }

    @Test
    void verify_refusesATokenOfAnotherIssuer() {
        String foreign = new TokenService(KEY, "elsewhere", HOUR, MutableClock.at(NOW)).issue(userId);

        assertEquals(
                Optional.empty(),
                new TokenService(KEY, "shopfront", HOUR, MutableClock.at(NOW))
                        .verify(foreign)
                        .map(Caller::userId));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"HS384", "HS512"})
    void verify_refusesAnotherHmacAlgorithm_evenUnderTheSameKey(String algorithm) throws Exception {
        Instant now = Instant.parse(NOW);
        String token = sign(
                JWSAlgorithm.parse(algorithm),
                new JWTClaimsSet.Builder()
                        .issuer("shopfront")
                        .subject(userId)
                        .issueTime(Date.from(now))
                        .expirationTime(Date.from(now.plus(HOUR)))
                        .build());

        assertEquals(
                Optional.empty(),
                new TokenService(KEY, "shopfront", HOUR, MutableClock.at(NOW))
                        .verify(token)
                        .map(Caller::userId));
    }

    @Test
    void verify_refusesASignedTokenMissingSubExpOrIat() throws Exception {
        Instant now = Instant.parse(NOW);
        TokenService tokens = new TokenService(KEY, "shopfront", HOUR, MutableClock.at(NOW));
        String complete = sign(
                JWSAlgorithm.HS256,
                new JWTClaimsSet.Builder()
                        .issuer("shopfront")
                        .subject(userId)
                        .issueTime(Date.from(now))
                        .expirationTime(Date.from(now.plus(HOUR)))
                        .build());
        String noSubject = sign(
                JWSAlgorithm.HS256,
                new JWTClaimsSet.Builder()
                        .issuer("shopfront")
                        .issueTime(Date.from(now))
                        .expirationTime(Date.from(now.plus(HOUR)))
                        .build());
        String noExpiry = sign(
                JWSAlgorithm.HS256,
                new JWTClaimsSet.Builder()
                        .issuer("shopfront")
                        .subject(userId)
                        .issueTime(Date.from(now))
                        .build());
        String noIssuedAt = sign(
                JWSAlgorithm.HS256,
                new JWTClaimsSet.Builder()
                        .issuer("shopfront")
                        .subject(userId)
                        .expirationTime(Date.from(now.plus(HOUR)))
                        .build());

        assertEquals(
                Optional.of(userId),
                tokens.verify(complete).map(Caller::userId),
                "the same token with every claim is good");
        assertEquals(Optional.empty(), tokens.verify(noSubject).map(Caller::userId));
        assertEquals(Optional.empty(), tokens.verify(noExpiry).map(Caller::userId));
        assertEquals(Optional.empty(), tokens.verify(noIssuedAt).map(Caller::userId));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  ", "garbage", "a.b.c"})
    void verify_refusesWhatIsNotAToken(String notAToken) {
        assertEquals(
                Optional.empty(),
                new TokenService(KEY, "shopfront", HOUR, MutableClock.at(NOW))
                        .verify(notAToken)
                        .map(Caller::userId));
    }

    @ParameterizedTest(name = "header {0}")
    @ValueSource(strings = {"null", "[]", "5", "\"HS256\""})
    void verify_refusesRatherThanThrows_whenTheHeaderIsJsonButNotAnObject(String header) {
        // nimbus throws NullPointerException on a header of JSON null
        String token = base64Url(header) + "." + base64Url("{\"sub\":\"" + userId + "\"}") + ".c2lnbmF0dXJl";

        assertEquals(
                Optional.empty(),
                new TokenService(KEY, "shopfront", HOUR, MutableClock.at(NOW))
                        .verify(token)
                        .map(Caller::userId));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("otherSpellings")
    void verify_refusesEveryOtherSpellingOfAGoodToken(String label, UnaryOperator<String> respell) {
        // given: a good token, and another spelling of it
        TokenService tokens = new TokenService(KEY, "shopfront", HOUR, MutableClock.at(NOW));
        String token = tokenWithUrlSafeCharacters(tokens);
        String respelled = respell.apply(token);
        assertNotEquals(token, respelled, "the case must change the token");

        // then: only the spelling we issued is accepted
        assertEquals(Optional.of(userId), tokens.verify(token).map(Caller::userId));
        assertEquals(Optional.empty(), tokens.verify(respelled).map(Caller::userId), respelled);
    }

    @Test
    void verify_refusesASignatureWhoseUnusedLowBitsAreSet_whichDecodesToTheSameBytes() throws Exception {
        // given: 32 signature bytes take 43 characters; the last one carries 2 bits no byte uses
        TokenService tokens = new TokenService(KEY, "shopfront", HOUR, MutableClock.at(NOW));
        String token = tokens.issue(userId);
        String signature = token.substring(token.lastIndexOf('.') + 1);
        assertEquals(43, signature.length());
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        int last = alphabet.indexOf(signature.charAt(42));
        String sibling = signature.substring(0, 42) + alphabet.charAt(last ^ 1);

        // when: the other spelling decodes to the very same signature
        assertArrayEquals(
                Base64.getUrlDecoder().decode(signature), Base64.getUrlDecoder().decode(sibling));
        String respelled = token.substring(0, token.lastIndexOf('.') + 1) + sibling;
        assertEquals(
                true, SignedJWT.parse(respelled).verify(new MACVerifier(KEY)), "the library alone would accept it");

        // then
        assertEquals(Optional.empty(), tokens.verify(respelled).map(Caller::userId));
    }

    @Test
    void verify_refusesATokenLongerThanAnyWeIssue_evenWellSigned() throws Exception {
        Instant now = Instant.parse(NOW);
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer("shopfront")
                .subject(userId)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(HOUR)));
        TokenService tokens = new TokenService(KEY, "shopfront", HOUR, MutableClock.at(NOW));
        String ordinary = sign(JWSAlgorithm.HS256, claims.build());
        String oversized =
                sign(JWSAlgorithm.HS256, claims.claim("pad", "x".repeat(4_000)).build());

        assertEquals(Optional.of(userId), tokens.verify(ordinary).map(Caller::userId));
        assertEquals(Optional.empty(), tokens.verify(oversized).map(Caller::userId));
    }

    static Stream<Arguments> otherSpellings() {
        return Stream.of(
                spelling("padding == after the signature", t -> t + "=="),
                spelling("padding = after the signature", t -> t + "="),
                spelling("padding inside the header segment", t -> t.replaceFirst("\\.", "=.")),
                spelling(
                        "standard base64 alphabet (+ and /)",
                        t -> t.replace('-', '+').replace('_', '/')),
                spelling("leading space", t -> " " + t),
                spelling("trailing space", t -> t + " "),
                spelling("trailing newline", t -> t + "\n"),
                spelling("tab inside", t -> t.replaceFirst("\\.", ".\t")),
                spelling("trailing dot", t -> t + "."),
                spelling("leading dot", t -> "." + t),
                spelling("a fourth segment", t -> t + ".e30"),
                spelling("percent-encoded", t -> t.replace("-", "%2D").replace("_", "%5F")));
    }

    private static Arguments spelling(String label, UnaryOperator<String> respell) {
        return Arguments.of(label, respell);
    }

    /** A token holding both {@code -} and {@code _}, so that every alphabet change shows. */
    private String tokenWithUrlSafeCharacters(TokenService tokens) {
        for (int attempt = 0; attempt < 1_000; attempt++) {
            String token = tokens.issue(userId);
            if (token.contains("-") && token.contains("_")) {
                return token;
            }
        }
        throw new IllegalStateException("no token with - and _ in 1000 tries");
    }

    @Test
    void constructor_refusesAKeyShorterThan32Bytes() {
        IllegalArgumentException refused = assertThrows(
                IllegalArgumentException.class,
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
