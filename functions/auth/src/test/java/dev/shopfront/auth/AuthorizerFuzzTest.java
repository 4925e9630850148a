package dev.shopfront.auth;

import static dev.shopfront.auth.AuthApi.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.shopfront.devkit.junit.TestDynamoDb;
import dev.shopfront.devkit.testing.MutableClock;
import dev.shopfront.error.StorageException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The authorizer fails only when it must. A bad token, of whatever shape, is a deny: API Gateway then
 * answers 403. Only a failure to check a good token (the database out of reach) is thrown, which API
 * Gateway answers with its 500 {"message":"Internal Server Error"}: an outage never lets a request
 * through and never passes for a bad token.
 */
class AuthorizerFuzzTest extends AuthTestBed {
    private static final Map<String, Object> DENIED = Map.of("isAuthorized", false);
    /** Fixed, so a failure names a token that can be made again. */
    private static final long SEED = 20261125L;

    private static final String URL_SAFE = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    private static final String HOSTILE = URL_SAFE + "=+/. \t\r\n\u0000\"\\{}[]:,%\u00e9\u2028\uFEFF\uD83D\uDE00\uD800";

    private static String userId;

    private String token;

    @BeforeAll
    static void registerTheUser(TestDynamoDb db) {
        userId = AuthApi.over(db, MutableClock.at(CREATED)).register(unique("fuzz"), "correct horse");
    }

    @BeforeEach
    void issueToken() {
        token = api.tokens(clock).issue(userId);
    }

    @Test
    void authorize_deniesEveryMalformedForgedOrEditedToken_andNeverThrows() {
        // given: the good token is allowed
        assertEquals(true, api.authorize(AuthorizerEvent.withBearer(token)).get("isAuthorized"));
        List<String> tokens = badTokens(new Random(SEED), token);
        assertTrue(tokens.size() >= 400, "cases: " + tokens.size());

        // then: every other one is a deny, never an exception
        for (int i = 0; i < tokens.size(); i++) {
            assertDenied(api, "Bearer " + tokens.get(i), i);
        }
    }

    @Test
    void authorize_deniesMalformedAuthorizationHeaders_andNeverThrows() {
        Random random = new Random(SEED + 1);
        List<String> headers = new ArrayList<>(List.of(
                "",
                " ",
                "Bearer",
                "Bearer ",
                "Bearer  " + token,
                "Bearer\t" + token,
                "Bearer\n" + token,
                "bearer\u00a0" + token,
                "Bearer " + token + " " + token,
                "Basic " + token,
                "Bearer " + token + ", Bearer " + token,
                token,
                "Bearer=" + token,
                "\uD800Bearer " + token));
        for (int i = 0; i < 100; i++) {
            headers.add(randomText(random, HOSTILE, random.nextInt(60)));
        }

        for (int i = 0; i < headers.size(); i++) {
            assertDenied(api, headers.get(i), i);
        }
    }

    @Test
    void authorize_deniesBadTokens_evenWhileTheDatabaseIsUnreachable() {
        // A bad token is refused on its own merits: the database is never asked, so an outage cannot turn it into a
        // failure.
        try (DynamoDbClient unreachable = AuthApi.unreachable(db)) {
            AuthApi cutOff = AuthApi.over(db, unreachable, clock);
            List<String> tokens = badTokens(new Random(SEED), token);

            for (int i = 0; i < tokens.size(); i += 4) {
                assertDenied(cutOff, "Bearer " + tokens.get(i), i);
            }
        }
    }

    @Test
    void authorize_throws_forAGoodTokenWhileTheDatabaseIsUnreachable() {
        // Thrown, so API Gateway answers 500: neither an allow nor a deny can be known without the user.
        try (DynamoDbClient unreachable = AuthApi.unreachable(db)) {
            AuthApi cutOff = AuthApi.over(db, unreachable, clock);

            assertThrows(StorageException.class, () -> cutOff.authorize(AuthorizerEvent.withBearer(token)));
        }
    }

    private static void assertDenied(AuthApi api, String authorization, int index) {
        Map<String, Object> answer;
        try {
            answer = api.authorize(AuthorizerEvent.withAuthorization(authorization));
        } catch (RuntimeException | Error thrown) {
            throw new AssertionError("case " + index + " threw for Authorization: " + printable(authorization), thrown);
        }
        if (!DENIED.equals(answer)) {
            fail("case " + index + " answered " + answer + " for Authorization: " + printable(authorization));
        }
    }

    /** Random text, tokens of the right shape with wrong content, and single edits of the good token. */
    static List<String> badTokens(Random random, String good) {
        List<String> tokens = new ArrayList<>();
        String[] parts = good.split("\\.");
        for (int i = 0; i < 60; i++) {
            tokens.add(randomText(random, HOSTILE, random.nextInt(400)));
            tokens.add(randomText(random, URL_SAFE, 1 + random.nextInt(100)) + "."
                    + randomText(random, URL_SAFE, 1 + random.nextInt(300)) + "."
                    + randomText(random, URL_SAFE, 1 + random.nextInt(60)));
        }
        for (int i = 0; i < 280; i++) {
            tokens.add(edit(random, good));
        }
        // Headers that are JSON of every shape, before the good payload and signature.
        List<String> headers = List.of(
                "null",
                "[]",
                "5",
                "\"HS256\"",
                "{}",
                "{\"alg\":\"none\"}",
                "{\"alg\":\"NONE\"}",
                "{\"alg\":\"HS384\"}",
                "{\"alg\":\"RS256\"}",
                "{\"alg\":\"ES256\"}",
                "{\"alg\":\"PBES2-HS256+A128KW\",\"p2c\":2147483647}",
                "{\"alg\":\"HS256\",\"crit\":[\"exp\"]}",
                "{\"alg\":\"HS256\",\"b64\":false,\"crit\":[\"b64\"]}",
                "{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"../../etc/passwd\"}",
                "{\"alg\":\"HS256\",\"jwk\":{\"kty\":\"oct\",\"k\":\"AA\"}}",
                "{\"alg\":\"HS256\",\"alg\":\"none\"}",
                "{\"alg\":\"HS256\"",
                "{\"alg\":" + "9".repeat(2_000) + "}",
                "[".repeat(1_400) + "]".repeat(1_400),
                "{\"a\":".repeat(400) + "1" + "}".repeat(400),
                "\uFEFF{\"alg\":\"HS256\"}");
        for (String header : headers) {
            tokens.add(base64Url(header) + "." + parts[1] + "." + parts[2]);
            tokens.add(base64Url(header) + "." + parts[1] + ".");
        }
        // Payloads of every shape under the good header and signature.
        long exp = Instant.parse(CREATED).getEpochSecond() + 3600;
        for (String payload : List.of(
                "null",
                "[]",
                "{}",
                "{\"sub\":null}",
                "{\"sub\":[\"" + userId + "\"]}",
                "{\"iss\":\"shopfront\",\"sub\":\"" + userId + "\",\"exp\":" + exp + "}",
                "{\"iss\":\"shopfront\",\"sub\":\"" + userId + "\",\"exp\":1e400,\"iat\":-1e400}",
                "{\"iss\":\"shopfront\",\"sub\":\"" + userId + "\",\"exp\":\"tomorrow\"}",
                "not json")) {
            tokens.add(parts[0] + "." + base64Url(payload) + "." + parts[2]);
        }
        // Other spellings of the good token itself.
        tokens.add(good + "==");
        tokens.add(good + ".");
        tokens.add(good.replace('-', '+').replace('_', '/'));
        tokens.add(good + "\n");
        tokens.add(parts[0] + "." + parts[1]);
        tokens.add(parts[0] + ".." + parts[2]);
        tokens.add(good.substring(0, good.length() - 1) + flipUnusedBits(good.charAt(good.length() - 1)));
        // An edit may give the token back unchanged (a token without - or _ has no other alphabet).
        tokens.removeIf(good::equals);
        return tokens;
    }

    private static String edit(Random random, String good) {
        StringBuilder edited = new StringBuilder(good);
        int at = random.nextInt(good.length());
        switch (random.nextInt(7)) {
            case 0 -> edited.setCharAt(at, otherThan(random, good.charAt(at)));
            case 1 -> edited.deleteCharAt(at);
            case 2 -> edited.insert(at, URL_SAFE.charAt(random.nextInt(URL_SAFE.length())));
            case 3 -> edited.setLength(at);
            case 4 -> edited.append(randomText(random, HOSTILE, 1 + random.nextInt(8)));
            case 5 -> {
                String[] parts = good.split("\\.");
                int a = random.nextInt(3);
                int b = (a + 1 + random.nextInt(2)) % 3;
                String swap = parts[a];
                parts[a] = parts[b];
                parts[b] = swap;
                return String.join(".", parts);
            }
            default -> {
                char c = good.charAt(at);
                edited.setCharAt(at, Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c));
            }
        }
        return edited.toString();
    }

    private static char otherThan(Random random, char c) {
        char other;
        do {
            other = URL_SAFE.charAt(random.nextInt(URL_SAFE.length()));
        } while (other == c);
        return other;
    }

    /** The character whose first four bits are the same: a last signature character that decodes alike. */
    private static char flipUnusedBits(char c) {
        return URL_SAFE.charAt(URL_SAFE.indexOf(c) ^ 1);
    }

    private static String randomText(Random random, String alphabet, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    private static String base64Url(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String printable(String text) {
        StringBuilder shown = new StringBuilder();
        text.codePoints()
                .forEach(
                        c -> shown.append(c >= 0x20 && c < 0x7f ? Character.toString(c) : String.format("\\u%04x", c)));
        return shown.toString();
    }
}
