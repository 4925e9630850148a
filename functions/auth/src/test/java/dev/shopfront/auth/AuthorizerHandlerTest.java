package dev.shopfront.auth;

import static dev.shopfront.auth.AuthApi.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jwt.SignedJWT;
import dev.shopfront.devkit.junit.TestDynamoDb;
import dev.shopfront.devkit.testing.MutableClock;
import dev.shopfront.error.StorageException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

class AuthorizerHandlerTest extends AuthTestBed {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "correct horse";
    private static final Map<String, Object> DENIED = Map.of("isAuthorized", false);

    /** One user for the class: registering costs a password hash; tokens are issued without one. */
    private static String email;

    private static String userId;

    private String token;

    @BeforeAll
    static void registerTheUser(TestDynamoDb db) {
        email = unique("bearer");
        userId = AuthApi.over(db, MutableClock.at(CREATED)).register(email, PASSWORD);
    }

    @BeforeEach
    void issueToken() {
        token = api.tokens(clock).issue(userId);
    }

    @Test
    void authorize_allowsATokenFromSignIn_passingTheUserIdAndTheTokensExpiryInTheContext() throws Exception {
        String signedIn = api.accessToken(email, PASSWORD);

        Map<String, Object> answer = api.authorize(AuthorizerEvent.withBearer(signedIn));

        // The expiry lets the route's function refuse the token once API Gateway's cache of this answer outlives it.
        long expires = SignedJWT.parse(signedIn)
                .getJWTClaimsSet()
                .getExpirationTime()
                .toInstant()
                .getEpochSecond();
        assertEquals(true, answer.get("isAuthorized"));
        Map<?, ?> context = (Map<?, ?>) answer.get("context");
        assertEquals(Set.of("userId", "tokenExpiresAt"), context.keySet());
        assertEquals(userId, context.get("userId"));
        assertEquals(expires, ((Number) context.get("tokenExpiresAt")).longValue());
    }

    @Test
    void authorize_answersInTheSimpleResponseFormat_exactlyAsApiGatewayReadsIt() throws Exception {
        // when: the handler's output, as written
        JsonNode allowed = api.authorizeRaw(AuthorizerEvent.withBearer(token));
        JsonNode denied = api.authorizeRaw(AuthorizerEvent.withBearer("garbage"));

        // then: API Gateway reads exactly "isAuthorized" (never "authorized") and the context
        long expires = SignedJWT.parse(token)
                .getJWTClaimsSet()
                .getExpirationTime()
                .toInstant()
                .getEpochSecond();
        assertEquals(JSON.readTree("""
            {"isAuthorized": true, "context": {"userId": "%s", "tokenExpiresAt": %d}}
            """.formatted(userId, expires)), allowed);
        assertEquals(JSON.readTree("""
            {"isAuthorized": false}
            """), denied);
    }

    @Test
    void authorize_readsTheIdentitySource_whenTheHeadersLackAuthorization() throws Exception {
        // given: the header gone, the identity source (API Gateway's copy of it) kept
        AuthorizerEvent event = AuthorizerEvent.withBearer(token);
        ObjectNode json = (ObjectNode) JSON.readTree(event.toBytes());
        ((ObjectNode) json.get("headers")).remove("authorization");

        // then
        assertEquals(true, api.authorize(AuthorizerEvent.of(json)).get("isAuthorized"));
    }

    @Test
    void authorize_denies_whenThereIsNoAuthorizationHeader() {
        assertEquals(DENIED, api.authorize(AuthorizerEvent.withoutAuthorization()));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"%s", "Basic %s", "Token %s", "Bearer%s", "Bearer: %s", "JWT %s"})
    void authorize_denies_whenTheTokenIsNotSentAsBearer(String format) {
        assertEquals(DENIED, api.authorize(AuthorizerEvent.withAuthorization(format.formatted(token))));
    }

    @Test
    void authorize_denies_whenTheTokenHasExpired() {
        // given: a token issued an hour and a millisecond before now
        MutableClock anHourAgo = MutableClock.at(CREATED);
        anHourAgo.advance(Duration.ofHours(-1).minusMillis(1));
        String expired = api.tokens(anHourAgo).issue(userId);

        // then
        assertEquals(DENIED, api.authorize(AuthorizerEvent.withBearer(expired)));
    }

    @Test
    void authorize_allowsATokenUntilItExpires_andDeniesItFromThen() {
        // the token was issued at 22:11:28 (whole seconds), so it expires at 23:11:28
        clock.advance(Duration.ofMillis(3_600_000 - 124));
        assertEquals(true, api.authorize(AuthorizerEvent.withBearer(token)).get("isAuthorized"));

        clock.advance(Duration.ofMillis(1));
        assertEquals(DENIED, api.authorize(AuthorizerEvent.withBearer(token)));
    }

    @Test
    void authorize_denies_whenTheTokenIsSignedWithAnotherKey() {
        byte[] otherKey = new byte[64];
        new SecureRandom().nextBytes(otherKey);
        String forged = new TokenService(otherKey, "shopfront", Duration.ofHours(1), clock).issue(userId);

        assertEquals(DENIED, api.authorize(AuthorizerEvent.withBearer(forged)));
    }

    @Test
    void authorize_denies_whenTheTokenIsFromAnotherIssuer() {
        String foreign = new TokenService(api.signingKey(), "not-shopfront", Duration.ofHours(1), clock).issue(userId);

        assertEquals(DENIED, api.authorize(AuthorizerEvent.withBearer(foreign)));
    }

    @Test
    void authorize_denies_anUnsecuredTokenWithAlgNone() {
        // given: the good token's claims under {"alg":"none"}, with an empty signature
        String claims = token.split("\\.")[1];
        String unsecured = base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + claims + ".";

        assertEquals(DENIED, api.authorize(AuthorizerEvent.withBearer(unsecured)));
    }

    @Test
    void authorize_denies_whenThePayloadWasTamperedWith() throws Exception {
        // given: a good token of someone else, its sub changed to the existing user; header and signature kept
        String someoneElses = api.tokens(clock).issue(UUID.randomUUID().toString());
        String[] parts = someoneElses.split("\\.");
        ObjectNode claims = (ObjectNode) JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        claims.put("sub", userId);
        String tampered = parts[0] + "." + base64Url(claims.toString()) + "." + parts[2];

        assertEquals(DENIED, api.authorize(AuthorizerEvent.withBearer(tampered)));
    }

    @Test
    void authorize_denies_theTokenOfADeletedUser() {
        // given: a user of its own, whose token was good before the deletion
        String leaving = api.register(unique("leaving"), PASSWORD);
        String itsToken = api.tokens(clock).issue(leaving);
        assertEquals(true, api.authorize(AuthorizerEvent.withBearer(itsToken)).get("isAuthorized"));

        // when
        api.users().delete(leaving, leaving);

        // then
        assertEquals(DENIED, api.authorize(AuthorizerEvent.withBearer(itsToken)));
    }

    @Test
    void authorize_denies_aWellSignedTokenOfAUserThatNeverExisted() {
        String stranger = api.tokens(clock).issue(UUID.randomUUID().toString());

        assertEquals(DENIED, api.authorize(AuthorizerEvent.withBearer(stranger)));
    }

    @Test
    void authorize_readsTheBearerSchemeWhateverItsCase() {
        assertEquals(
                true,
                api.authorize(AuthorizerEvent.withAuthorization("bearer " + token))
                        .get("isAuthorized"));
    }

    @Test
    void authorize_failsRatherThanAnswers_whenDynamoDbFails() {
        // A failed invocation is API Gateway's 500: an outage neither lets a request through nor passes for a bad
        // token.
        try (DynamoDbClient unreachable = AuthApi.unreachable(db)) {
            AuthApi cutOff = AuthApi.over(db, unreachable, clock);

            assertThrows(StorageException.class, () -> cutOff.authorize(AuthorizerEvent.withBearer(token)));
        }
    }

    /** The last: a header of JSON null, which makes the JWT library throw. */
    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(
            strings = {
                "",
                " ",
                "garbage",
                "a.b.c",
                "a.b",
                "eyJhbGciOiJIUzI1NiJ9..",
                "Bearer",
                "null",
                "{}",
                "bnVsbA.e30.e30"
            })
    void authorize_denies_garbage(String garbage) {
        assertEquals(DENIED, api.authorize(AuthorizerEvent.withBearer(garbage)));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"%s==", "%s=", "%s.", ".%s", "%s ", " %s", "%s\t", "%s\n", "%s\r\n", "%s.e30"})
    void authorize_denies_anotherSpellingOfAGoodToken(String spelling) {
        // Only the compact serialization we issue: no padding, no whitespace, no extra dots.
        assertEquals(true, api.authorize(AuthorizerEvent.withBearer(token)).get("isAuthorized"));

        assertEquals(DENIED, api.authorize(AuthorizerEvent.withBearer(spelling.formatted(token))));
    }

    @Test
    void authorize_denies_aGoodTokenInTheStandardBase64Alphabet() {
        String standard = token.replace('-', '+').replace('_', '/');
        for (int attempt = 0; standard.equals(token) && attempt < 100; attempt++) {
            token = api.tokens(clock).issue(userId);
            standard = token.replace('-', '+').replace('_', '/');
        }

        assertEquals(DENIED, api.authorize(AuthorizerEvent.withBearer(standard)));
    }

    @Test
    void authorize_denies_aGoodTokenWithTrailingGarbage() {
        assertEquals(DENIED, api.authorize(AuthorizerEvent.withBearer(token + "x")));
        assertEquals(DENIED, api.authorize(AuthorizerEvent.withBearer(token + ".x")));
    }

    private static String base64Url(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
