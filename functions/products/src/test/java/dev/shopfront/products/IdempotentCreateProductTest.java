package dev.shopfront.products;

import static dev.shopfront.devkit.testing.IdempotencyAssertions.assertCreatedOnce;
import static dev.shopfront.devkit.testing.InjectedFailure.Moment.AFTER_APPLIED;
import static dev.shopfront.devkit.testing.InjectedFailure.Moment.BEFORE_SENDING;
import static dev.shopfront.devkit.testing.JsonBody.raw;
import static dev.shopfront.devkit.testing.JsonBody.string;
import static dev.shopfront.devkit.testing.ProblemAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shopfront.devkit.testing.Answer;
import dev.shopfront.devkit.testing.InjectedFailure;
import dev.shopfront.devkit.testing.RecordingContext;
import dev.shopfront.devkit.testing.Simultaneous;
import dev.shopfront.service.Idempotency;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/** POST /products with an Idempotency-Key (contract v2, idempotent creation; docs/idempotency.md). */
class IdempotentCreateProductTest extends ProductsTestBed {
    private static final String KEY = "Idempotency-Key";
    private static final String BODY = raw("name", string("Watering can"), "price", "19.99", "currency", string("EUR"));
    /** How long an attempt holds its key: the function's remaining time at its start, and a margin. */
    private static final Duration LEASE =
            Duration.ofMillis(new RecordingContext().getRemainingTimeInMillis()).plus(Idempotency.LEASE_MARGIN);

    private String key;

    @BeforeEach
    void setUp() {
        // The tests count the owner's products: an owner of this test's own.
        this.owner = ProductsApi.registerUser(db, "owner");
        this.key = "order-" + UUID.randomUUID();
    }

    @Test
    void create_repeatedWithTheSameKeyAndBody_createsOnce_andReplaysStatusLocationETagAndBody() {
        // when
        Answer first = create(api, owner, key, BODY);
        Answer repeat = create(api, owner, key, BODY);

        // then: the first is the creation, the repeat its replay
        assertEquals(201, first.status(), first::toString);
        assertNull(first.header("Idempotent-Replayed"));
        assertEquals(201, repeat.status(), repeat::toString);
        assertEquals("true", repeat.header("Idempotent-Replayed"));
        assertEquals(first.header("Location"), repeat.header("Location"));
        assertEquals("\"1\"", repeat.header("ETag"));
        assertEquals("application/json", repeat.header("Content-Type"));
        assertEquals(first.body(), repeat.body());
        assertEquals(List.of(first.id()), stored.idsOwnedBy(owner));
    }

    @Test
    void create_repeatedAfterTheCallersUserWasDeleted_answers401_notTheFirstAnswer() {
        // given: a creation, then its owner deleted, whose token the authorizer's cache still lets through
        Answer first = create(api, owner, key, BODY);
        ProductsApi.deleteUser(db, owner);

        // when
        Answer repeat = create(api, owner, key, BODY);

        // then: "a token of a deleted user no longer works", replay or not
        assertEquals(201, first.status(), first::toString);
        assertProblem(repeat, 401, "unauthorized");
        assertNull(repeat.header("Idempotent-Replayed"));
    }

    @Test
    void create_withoutAKey_createsEveryTime() {
        assertEquals(201, api.create(owner, BODY).status());
        assertEquals(201, api.create(owner, BODY).status());

        assertEquals(2, stored.idsOwnedBy(owner).size());
    }

    @Test
    void create_answers422AndCreatesNothing_whenTheKeyComesWithAnotherBody() {
        Answer first = create(api, owner, key, BODY);

        Answer other = create(api, owner, key, BODY.replace("19.99", "29.99"));
        Answer spacedOut = create(api, owner, key, BODY.replace(",", ", "));

        assertEquals(201, first.status());
        assertProblem(other, 422, "idempotency-key-reused");
        assertProblem(spacedOut, 422, "idempotency-key-reused");
        assertEquals(List.of(first.id()), stored.idsOwnedBy(owner));
    }

    @Test
    void create_replays_whenTheSameBodyComesWithAnotherSpellingOfTheJsonContentType() {
        Answer first = create(api, owner, key, BODY);

        for (String contentType : List.of("application/json; charset=utf-8", "Application/JSON")) {
            Answer repeat = createSentAs(contentType);

            assertEquals(201, repeat.status(), repeat::toString);
            assertEquals("true", repeat.header("Idempotent-Replayed"));
            assertEquals(first.body(), repeat.body());
        }
        assertEquals(List.of(first.id()), stored.idsOwnedBy(owner));
    }

    @Test
    void create_answers415_notTheFirstAnswer_whenTheRepeatIsNotSentAsJson() {
        Answer first = create(api, owner, key, BODY);

        // API.md: a body not sent as application/json is 415, a repeat of a success included.
        for (String contentType : List.of("text/plain", "application/xml")) {
            Answer repeat = createSentAs(contentType);

            assertProblem(repeat, 415, "unsupported-media-type");
            assertNull(repeat.header("Idempotent-Replayed"), repeat::toString);
        }
        Answer withoutContentType = createSentAs(null);
        assertProblem(withoutContentType, 415, "unsupported-media-type");
        assertEquals("true", create(api, owner, key, BODY).header("Idempotent-Replayed"));
        assertEquals(List.of(first.id()), stored.idsOwnedBy(owner));
    }

    @Test
    void create_isANewRequest_whenAnotherCallerSendsTheSameKey() {
        String someoneElse = ProductsApi.registerUser(db, "else");

        Answer mine = create(api, owner, key, BODY);
        Answer theirs = create(api, someoneElse, key, BODY);

        assertEquals(201, mine.status());
        assertEquals(201, theirs.status());
        assertNull(theirs.header("Idempotent-Replayed"));
        assertEquals(someoneElse, theirs.json().get("ownerId").asText());
        assertEquals(List.of(mine.id()), stored.idsOwnedBy(owner));
        assertEquals(List.of(theirs.id()), stored.idsOwnedBy(someoneElse));
    }

    @Test
    void create_runsAnew_afterAnError_whenRetriedWithAFixedBody() {
        // given: the first attempt is refused (no currency), which is not kept
        Answer refused = create(api, owner, key, raw("name", string("Watering can"), "price", "19.99"));
        assertProblem(refused, 400, "validation-error", "currency");

        // when: the same key with the body fixed
        Answer fixed = create(api, owner, key, BODY);

        // then
        assertEquals(201, fixed.status(), fixed::toString);
        assertNull(fixed.header("Idempotent-Replayed"));
        assertEquals(List.of(fixed.id()), stored.idsOwnedBy(owner));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", "caf\u00e9", "tab\there", "new\nline", "\u0000", "del\u007f", "\uD83D\uDE00"})
    void create_answers400NamingTheHeader_whenTheKeyIsNotPrintableAscii(String malformed) {
        Answer answer = create(api, owner, malformed, BODY);

        assertProblem(answer, 400, "invalid-header", "Idempotency-Key");
        assertEquals(List.of(), stored.idsOwnedBy(owner));
    }

    @Test
    void create_takesAKeyOf1To255PrintableCharacters_andRefuses256() {
        String printable =
                " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~";
        String longest = (printable + printable + printable).substring(0, 255);

        assertEquals(201, create(api, owner, "k", BODY).status());
        assertEquals(201, create(api, owner, longest, BODY).status());
        assertProblem(create(api, owner, longest + "x", BODY), 400, "invalid-header", "Idempotency-Key");
        assertEquals(2, stored.idsOwnedBy(owner).size());
    }

    @Test
    void create_isANewRequest_after24Hours() {
        Answer first = create(api, owner, key, BODY);
        clock.advance(Idempotency.RETENTION.minusSeconds(1));
        Answer withinADay = create(api, owner, key, BODY);
        clock.advance(Duration.ofSeconds(1));

        Answer nextDay = create(api, owner, key, BODY.replace("19.99", "29.99"));

        assertEquals("true", withinADay.header("Idempotent-Replayed"));
        assertEquals(201, nextDay.status(), nextDay::toString);
        assertNull(nextDay.header("Idempotent-Replayed"));
        assertEquals(2, stored.idsOwnedBy(owner).size());
        // the record holds its expiry as the table's TTL attribute, in epoch seconds
        Map<String, AttributeValue> record = idempotencyRecord(owner, key);
        assertEquals(
                clock.instant().plus(Idempotency.RETENTION).getEpochSecond(),
                Long.parseLong(record.get("expiresAt").n()));
    }

    @Test
    void create_createsOnce_when16DuplicatesArriveAtOnce() throws Exception {
        // when: 16 clients send the same keyed request at the same moment
        List<Answer> answers = Simultaneous.calls(16, () -> create(api, owner, key, BODY));

        // then: one creation; every other answer is its replay or a 409 to retry later
        Answer created = assertCreatedOnce(answers);
        assertEquals(List.of(created.id()), stored.idsOwnedBy(owner));
    }

    @Test
    void create_afterACrashBetweenTheRecordAndTheProduct_answers409UntilTheLeaseEnds_thenCreatesExactlyOnce() {
        // given: the invocation dies as it is about to write the product; its record stays in progress
        InjectedFailure crash = InjectedFailure.crashOnCall(1, "PutItem", stored.table(), BEFORE_SENDING);
        ProductsApi crashing = ProductsApi.over(db, faulty.dynamoDb(db, crash), clock);
        assertThrows(InjectedFailure.Crash.class, () -> create(crashing, owner, key, BODY));
        assertEquals(1, crash.failures());
        assertEquals(List.of(), stored.idsOwnedBy(owner));

        // then: while the crashed attempt could still be running, a retry waits
        assertProblem(create(api, owner, key, BODY), 409, "request-in-progress");
        clock.advance(LEASE.minusMillis(1));
        assertProblem(create(api, owner, key, BODY), 409, "request-in-progress");
        assertProblem(create(api, owner, key, BODY.replace("19.99", "1")), 422, "idempotency-key-reused");

        // once it cannot be, the retry runs, and creates the product once
        clock.advance(Duration.ofMillis(1));
        Answer retried = create(api, owner, key, BODY);
        assertEquals(201, retried.status(), retried::toString);
        assertTheOnlyProductAndReplayed(retried);
        assertEquals(List.of(retried.id()), stored.idsOwnedBy(owner));
    }

    @Test
    void create_whoseRecordLandsButWhoseAnswerIsLost_runsOnTheClientsRetry_notAs409() {
        // given: the database applies the first write of the key's record, but its answer is lost (a 500, as a
        // stalled database's late answer is to an attempt that timed out), so the SDK sends it again, and the
        // second is refused by its condition: the record is there, held by this very attempt
        AtomicInteger lost = new AtomicInteger();
        ExecutionInterceptor loseTheFirstAnswer = recordWritesAnswered(500, 1, lost);

        // when
        Answer first = create(ProductsApi.over(db, faulty.dynamoDb(db, loseTheFirstAnswer), clock), owner, key, BODY);

        // then: the attempt recognises its own record and creates, once
        assertEquals(1, lost.get());
        assertEquals(201, first.status(), first::toString);
        assertTheOnlyProductAndReplayed(first);
    }

    @Test
    void create_whoseRecordLandsButWhoseCallFails_answers500_andItsRetryRunsAtOnce_notAs409() {
        // given: the key's record is written, but the call fails anyway (as when a paused database applies a write
        // after the SDK gave up on it): the client gets a 500, and the record is left leased to an attempt that is over
        AtomicInteger failed = new AtomicInteger();
        ExecutionInterceptor failAfterWriting =
                recordWritesAnswered(400, Integer.MAX_VALUE, failed); // 400: not retried
        Answer first = create(ProductsApi.over(db, faulty.dynamoDb(db, failAfterWriting), clock), owner, key, BODY);
        assertProblem(first, 500, "internal-error");
        assertEquals(1, failed.get());
        assertEquals(List.of(), stored.idsOwnedBy(owner));

        // when: the client retries at once, on the same container
        Answer retried = create(api, owner, key, BODY);

        // then: "after an error, a retry with the same key runs anew" (API.md): 201, once
        assertEquals(201, retried.status(), retried::toString);
        assertTheOnlyProductAndReplayed(retried);
    }

    @Test
    void create_whoseProductWriteGoesUnanswered_answers500WithoutASecondCall_andItsRetryRunsAtOnce() {
        // given: the database does not answer the product's write within the client's budget (as when it is paused)
        String records = db.table("IdempotencyTable");
        AtomicInteger recordCalls = new AtomicInteger();
        AtomicInteger unanswered = new AtomicInteger();
        ExecutionInterceptor pausedForTheProduct = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request().toString().contains(records)) {
                    recordCalls.incrementAndGet();
                } else if (context.request() instanceof PutItemRequest) {
                    unanswered.incrementAndGet();
                    throw ApiCallTimeoutException.create(5_000);
                }
            }
        };

        // when
        Answer first = create(ProductsApi.over(db, faulty.dynamoDb(db, pausedForTheProduct), clock), owner, key, BODY);

        // then: the 500 comes without another call to the database, which would wait out a second budget (the
        // record's write was the only one); a retry on this container runs at once and creates once
        assertProblem(first, 500, "internal-error");
        assertEquals(1, unanswered.get());
        assertEquals(1, recordCalls.get(), "only the record's first write");
        Answer retried = create(api, owner, key, BODY);
        assertEquals(201, retried.status(), retried::toString);
        assertEquals(List.of(retried.id()), stored.idsOwnedBy(owner));
    }

    @Test
    void create_afterACrashOnceTheProductWasWritten_retriesIntoTheSameProduct() {
        // given: the product is written, then the invocation dies before it answers or saves the answer
        InjectedFailure crash = InjectedFailure.crashOnCall(1, "PutItem", stored.table(), AFTER_APPLIED);
        assertThrows(
                InjectedFailure.Crash.class,
                () -> create(ProductsApi.over(db, faulty.dynamoDb(db, crash), clock), owner, key, BODY));
        List<String> written = stored.idsOwnedBy(owner);
        assertEquals(1, written.size());

        // when: retried after the lease
        clock.advance(LEASE.plusMillis(1));
        Answer retried = create(api, owner, key, BODY);

        // then: the first attempt's product, not a second one
        assertEquals(201, retried.status(), retried::toString);
        assertEquals("/products/" + written.get(0), retried.header("Location"));
        assertEquals("\"1\"", retried.header("ETag"));
        assertEquals(written, stored.idsOwnedBy(owner));
        assertEquals("true", create(api, owner, key, BODY).header("Idempotent-Replayed"));
    }

    @Test
    void create_afterA500WhoseWriteLanded_retriesAtOnceIntoTheSameProduct() {
        // given: the product write lands, its answer is lost: the client gets a 500
        InjectedFailure lost = InjectedFailure.onCall(1, "PutItem", stored.table(), AFTER_APPLIED);
        Answer failed = create(ProductsApi.over(db, faulty.dynamoDb(db, lost), clock), owner, key, BODY);
        assertProblem(failed, 500, "internal-error");
        List<String> written = stored.idsOwnedBy(owner);
        assertEquals(1, written.size());

        // when: retried at once (a 500 ends the lease, keeping the record)
        Answer retried = create(api, owner, key, BODY);

        // then
        assertEquals(201, retried.status(), retried::toString);
        assertEquals("/products/" + written.get(0), retried.header("Location"));
        assertEquals(written, stored.idsOwnedBy(owner));
    }

    @Test
    void create_afterA500ThatWroteNothing_retriesAtOnceAndCreatesOnce() {
        InjectedFailure refused = InjectedFailure.onCall(1, "PutItem", stored.table(), BEFORE_SENDING);
        assertProblem(
                create(ProductsApi.over(db, faulty.dynamoDb(db, refused), clock), owner, key, BODY),
                500,
                "internal-error");
        assertEquals(List.of(), stored.idsOwnedBy(owner));

        Answer retried = create(api, owner, key, BODY);

        assertEquals(201, retried.status(), retried::toString);
        assertEquals(List.of(retried.id()), stored.idsOwnedBy(owner));
    }

    @Test
    void create_stillAnswersItsSuccess_whenSavingTheAnswerFails_andARetryFindsTheProduct() {
        // given: the product is written, then saving the answer in the idempotency record fails
        InjectedFailure saveFails =
                InjectedFailure.onCall(1, "UpdateItem", db.table("IdempotencyTable"), BEFORE_SENDING);
        Answer created = create(ProductsApi.over(db, faulty.dynamoDb(db, saveFails), clock), owner, key, BODY);
        assertEquals(1, saveFails.failures());
        assertEquals(201, created.status(), created::toString);

        // then: the record is still in progress, but its attempt has answered on this container, so a retry here takes
        // its lease over at once (another container's waits for the lease) and finds the same product
        Answer retried = create(api, owner, key, BODY);
        assertEquals(201, retried.status(), retried::toString);
        assertEquals(created.header("Location"), retried.header("Location"));
        assertEquals(List.of(created.id()), stored.idsOwnedBy(owner));
    }

    @Test
    void create_answers500AndCreatesNothing_whenTheIdempotencyTableIsUnreachable() {
        InjectedFailure down = InjectedFailure.onCall(1, "PutItem", db.table("IdempotencyTable"), BEFORE_SENDING);

        assertProblem(
                create(ProductsApi.over(db, faulty.dynamoDb(db, down), clock), owner, key, BODY),
                500,
                "internal-error");

        assertEquals(List.of(), stored.idsOwnedBy(owner));
        assertEquals(201, create(api, owner, key, BODY).status());
    }

    private static Answer create(ProductsApi api, String callerId, String key, String body) {
        return api.call(ProductEvents.createProduct(callerId).body(body).header(KEY, key));
    }

    private Map<String, AttributeValue> idempotencyRecord(String callerId, String key) {
        return db.client()
                .getItem(r -> r.tableName(db.table("IdempotencyTable"))
                        .key(Map.of("id", AttributeValue.fromS(callerId + "|POST /products|" + key)))
                        .consistentRead(true))
                .item();
    }

    /**
     * Lets the first {@code times} writes of idempotency records land, but answers each with {@code status} instead of
     * the database's answer, counting them in {@code replaced}.
     */
    private ExecutionInterceptor recordWritesAnswered(int status, int times, AtomicInteger replaced) {
        String records = db.table("IdempotencyTable");
        return new ExecutionInterceptor() {
            @Override
            public SdkHttpResponse modifyHttpResponse(
                    Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
                if (context.request() instanceof PutItemRequest put
                        && records.equals(put.tableName())
                        && replaced.getAndUpdate(n -> n < times ? n + 1 : n) < times) {
                    return context.httpResponse().toBuilder().statusCode(status).build();
                }
                return context.httpResponse();
            }
        };
    }

    /** {@code created}'s product is the owner's only one, and a repeat of the request replays its answer. */
    private void assertTheOnlyProductAndReplayed(Answer created) {
        assertEquals(List.of(created.id()), stored.idsOwnedBy(owner));
        Answer repeat = create(api, owner, key, BODY);
        assertEquals("true", repeat.header("Idempotent-Replayed"));
        assertEquals(created.body(), repeat.body());
    }

    @Test
    void repeat_returns401_notTheReplay_whenTheTokenExpiredSinceTheAuthorizerLetItIn() {
        // given
        Answer created = create(api, owner, key, BODY);
        assertEquals(201, created.status(), created::toString);

        // when: the same request, answered by API Gateway from its cached authorizer answer after the token expired
        Answer repeat = api.call(ProductEvents.createProduct(owner)
                .tokenExpiresAt(Instant.now().getEpochSecond() - 1)
                .body(BODY)
                .header(KEY, key));

        // then
        assertProblem(repeat, 401, "unauthorized");
        assertEquals(null, repeat.header("Idempotent-Replayed"));
        assertEquals(1, stored.idsOwnedBy(owner).size());
    }

    /** The owner's {@link #BODY} under {@link #key}, with this {@code Content-Type} (null: without one). */
    private Answer createSentAs(String contentType) {
        return api.call(
                ProductEvents.createProduct(owner).body(BODY).header(KEY, key).header("content-type", contentType));
    }
}
