package dev.shopfront.auth;

import static dev.shopfront.auth.AuthApi.unique;
import static dev.shopfront.devkit.testing.JsonBody.json;
import static dev.shopfront.devkit.testing.ProblemAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.password4j.Argon2Function;
import dev.shopfront.devkit.testing.Answer;
import dev.shopfront.devkit.testing.CapturedOutput;
import dev.shopfront.devkit.testing.MutableClock;
import dev.shopfront.devkit.testing.ProblemAssertions;
import dev.shopfront.schema.UserUpdate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class IssueTokenHandlerTest extends AuthTestBed {
    /** The functions' log lines (standard output) during each test. */
    @RegisterExtension
    final CapturedOutput output = new CapturedOutput();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "correct horse";
    /** A PHC string of Argon2id at the parameters the service hashes with; salt and hash lengths included. */
    private static final Pattern ARGON2ID_AS_STORED =
            Pattern.compile("^\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}$");

    @Test
    void signIn_returns200WithExactlyABearerTokenValidForAnHour() {
        // given
        String email = unique("ada");
        api.register(email, PASSWORD);

        // when
        Answer answer = api.signIn(email, PASSWORD);

        // then
        assertEquals(200, answer.status(), answer::toString);
        assertEquals("application/json", answer.header("Content-Type"));
        assertEquals("no-store", answer.header("Cache-Control"), "a token response is never cached");
        JsonNode body = answer.json();
        assertEquals(List.of("accessToken", "tokenType", "expiresIn"), fieldNames(body), answer::toString);
        assertTrue(
                body.get("accessToken").isTextual()
                        && !body.get("accessToken").asText().isBlank(),
                answer::toString);
        assertEquals("Bearer", body.get("tokenType").textValue());
        assertTrue(body.get("expiresIn").isIntegralNumber(), answer::toString);
        assertEquals(3600, body.get("expiresIn").asLong());
    }

    @Test
    void signIn_tokenIsAnHs256JwtForTheUser_fromShopfront_expiringAnHourAfterIssue() throws Exception {
        // given
        String email = unique("claims");
        String id = api.register(email, PASSWORD);

        // when
        SignedJWT token = SignedJWT.parse(api.accessToken(email, PASSWORD));

        // then
        assertEquals(JWSAlgorithm.HS256, token.getHeader().getAlgorithm());
        assertTrue(token.verify(new MACVerifier(api.signingKey())), "signed with the template's secret");
        JWTClaimsSet claims = token.getJWTClaimsSet();
        assertEquals(id, claims.getSubject());
        assertEquals("shopfront", claims.getIssuer());
        // JWT times are whole seconds: the clock's 22:11:28.123 is issued as 22:11:28.
        assertEquals(
                Instant.parse("2026-11-24T22:11:28Z"), claims.getIssueTime().toInstant());
        assertEquals(
                Instant.parse("2026-11-24T23:11:28Z"),
                claims.getExpirationTime().toInstant());
        JsonNode payload = JSON.readTree(token.getPayload().toString());
        assertTrue(payload.get("iat").isIntegralNumber() && payload.get("exp").isIntegralNumber(), payload::toString);
        assertEquals(payload.get("iat").asLong() + 3600, payload.get("exp").asLong());
    }

    @Test
    void signIn_ignoresTheEmailsCaseAndSurroundingSpaces() throws Exception {
        String email = unique("case");
        String id = api.register(email, PASSWORD);

        Answer answer = api.signIn("  " + email.toUpperCase() + " \t", PASSWORD);

        assertEquals(200, answer.status(), answer::toString);
        assertEquals(
                id,
                SignedJWT.parse(answer.json().get("accessToken").asText())
                        .getJWTClaimsSet()
                        .getSubject());
    }

    @Test
    void signIn_answersAWrongPasswordAndAnUnknownEmailAlike() {
        // given
        String email = unique("alike");
        api.register(email, PASSWORD);

        // when
        Answer wrongPassword = api.signIn(email, "correct horsE");
        Answer unknownEmail = api.signIn(unique("nobody"), PASSWORD);

        // then
        JsonNode wrong = assertProblem(wrongPassword, 401, "unauthorized").deepCopy();
        JsonNode unknown = assertProblem(unknownEmail, 401, "unauthorized").deepCopy();
        ((ObjectNode) wrong).remove(List.of("instance", "requestId"));
        ((ObjectNode) unknown).remove(List.of("instance", "requestId"));
        assertEquals(wrong, unknown);
        assertEquals(
                wrongPassword.response().getHeaders(), unknownEmail.response().getHeaders());
        ProblemAssertions.assertLeaksNothing(wrongPassword, email, PASSWORD);
    }

    @Test
    void signIn_checksOnePasswordHashAtFullCost_whetherTheEmailIsKnownOrNot() {
        // given: sign-in through a hasher that counts its checks
        CountingPasswordHasher passwords = new CountingPasswordHasher();
        AuthApi counted = AuthApi.over(db, MutableClock.at(CREATED), passwords);
        String email = unique("timing");
        String id = counted.register(email, PASSWORD);
        String storedHash = storedPasswordHash(id);

        // when
        passwords.reset();
        assertEquals(401, counted.signIn(email, "wrong password").status());
        List<String> wrongPasswordChecks = passwords.verifiedAgainst();
        passwords.reset();
        assertEquals(401, counted.signIn(unique("unknown"), "wrong password").status());
        List<String> unknownEmailChecks = passwords.verifiedAgainst();

        // then: one Argon2id check each, at the same parameters, so the same cost
        assertEquals(List.of(storedHash), wrongPasswordChecks, "the wrong password is checked against the user's hash");
        assertEquals(1, unknownEmailChecks.size(), "an unknown email still costs one password check");
        String dummy = unknownEmailChecks.get(0);
        assertTrue(ARGON2ID_AS_STORED.matcher(dummy).matches(), dummy);
        assertEquals(parametersOf(storedHash), parametersOf(dummy));
        assertDoesNotThrow(
                () -> Argon2Function.getInstanceFromHash(dummy), "a hash the hasher can read, so it is computed");
    }

    @Test
    void signIn_worksWithTheNewEmailOnly_afterTheUserChangedIt() throws Exception {
        // given
        String oldEmail = unique("before");
        String newEmail = unique("after");
        String id = api.register(oldEmail, PASSWORD);
        api.users().update(id, id, new UserUpdate(newEmail, null, null));

        // when
        Answer withNew = api.signIn(newEmail, PASSWORD);
        Answer withOld = api.signIn(oldEmail, PASSWORD);

        // then
        assertEquals(200, withNew.status(), withNew::toString);
        assertEquals(
                id,
                SignedJWT.parse(withNew.json().get("accessToken").asText())
                        .getJWTClaimsSet()
                        .getSubject());
        assertProblem(withOld, 401, "unauthorized");
    }

    @Test
    void signIn_returns401_afterTheUserWasDeleted() {
        String email = unique("deleted");
        String id = api.register(email, PASSWORD);
        api.users().delete(id, id);

        assertProblem(api.signIn(email, PASSWORD), 401, "unauthorized");
    }

    @Test
    void signIn_returns500NeverUnauthorized_whenDynamoDbFails() {
        // given: a registered user, and sign-in through a client that cannot reach DynamoDB
        String email = unique("outage");
        api.register(email, PASSWORD);
        try (DynamoDbClient unreachable = AuthApi.unreachable(db)) {

            // when
            Answer answer =
                    AuthApi.over(db, unreachable, MutableClock.at(CREATED)).signIn(email, PASSWORD);

            // then: an outage is not "wrong credentials"
            assertProblem(answer, 500, "internal-error");
            assertEquals(
                    "An unexpected error occurred. Quote the requestId when reporting it.",
                    answer.json().get("detail").asText());
            ProblemAssertions.assertLeaksNothing(
                    answer, db.table("UsersTable"), db.table("EmailsTable"), "injected", "Connection reset");
            assertTrue(output.text().contains(answer.request().requestId()), "the log names the request id");
            assertTrue(output.text().contains("StorageException"), "the details go to the log");
        }
    }

    @ParameterizedTest(name = "{0} -> {1} on {2}")
    @CsvSource(delimiter = '|', textBlock = """
        {"password":"correct horse"}                                          | validation-error | email
        {"email":"not-an-email","password":"correct horse"}                   | validation-error | email
        {"email":"ada@localhost","password":"correct horse"}                  | validation-error | email
        {"email":"ada@example.com"}                                           | validation-error | password
        {"email":"ada@example.com","password":""}                             | validation-error | password
        {"email":"ada@example.com","password":"correct horse","role":"admin"} | invalid-body     | role
        {"email":["ada@example.com"],"password":"correct horse"}              | invalid-body     | email
        """)
    void signIn_returns400NamingTheField_whenTheBodyIsInvalid(String body, String kind, String field) {
        Answer answer = api.signIn(body);

        assertProblem(answer, 400, kind, field);
    }

    @Test
    void signIn_returns400NamingBothFields_whenBothAreMissing() {
        assertProblem(api.signIn("{}"), 400, "validation-error", "email", "password");
    }

    @Test
    void signIn_returns415_whenTheBodyIsNotSentAsJson() {
        Answer answer = api.signIn(AuthEvents.issueToken()
                .body(json("email", "ada@example.com", "password", PASSWORD))
                .header("content-type", "application/x-www-form-urlencoded"));

        assertProblem(answer, 415, "unsupported-media-type");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "email    | {\"email\":\"x\\ud800y@example.com\",\"password\":\"correct horse\"}",
                "email    | {\"email\":\"x\\udbffy@example.com\",\"password\":\"correct horse\"}",
                "password | {\"email\":\"ada@example.com\",\"password\":\"correct \\udc00horse\"}"
            })
    void signIn_answers400NamingTheField_whenItHoldsALoneSurrogate(String field, String body) {
        assertProblem(api.signIn(body), 400, "validation-error", field);
    }

    /** The user's password hash as stored, read past the API. */
    private String storedPasswordHash(String id) {
        return db.client()
                .getItem(r -> r.tableName(db.table("UsersTable"))
                        .key(Map.of("id", AttributeValue.fromS(id)))
                        .consistentRead(true))
                .item()
                .get("passwordHash")
                .s();
    }

    /** {@code $argon2id$v=19$m=..,t=..,p=..}: what sets the cost of checking against a PHC string. */
    private static String parametersOf(String phc) {
        String[] parts = phc.split("\\$");
        return String.join("$", parts[1], parts[2], parts[3]);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
