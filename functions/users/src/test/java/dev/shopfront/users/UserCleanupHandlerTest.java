package dev.shopfront.users;

import static dev.shopfront.devkit.testing.InjectedFailure.Moment.BEFORE_SENDING;
import static dev.shopfront.users.CleanupEvents.event;
import static dev.shopfront.users.CleanupEvents.removal;
import static dev.shopfront.users.CleanupEvents.sequenceNumber;
import static dev.shopfront.users.CreateUserHandlerTest.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse.BatchItemFailure;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shopfront.config.Environment;
import dev.shopfront.config.Wiring;
import dev.shopfront.devkit.testing.CapturedOutput;
import dev.shopfront.devkit.testing.InjectedAction;
import dev.shopfront.devkit.testing.InjectedFailure;
import dev.shopfront.devkit.testing.MutableClock;
import dev.shopfront.devkit.testing.RecordingContext;
import dev.shopfront.devkit.testing.TestEvents;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The clean-up handler called as Lambda calls it, with users-table stream events: a removed user's
 * products and reservation go, nothing else does, any record can come twice, and the first record that
 * fails is reported, exactly, with nothing after it processed.
 */
class UserCleanupHandlerTest extends UsersTestBed {
    private static final ObjectMapper JSON = new ObjectMapper();

    private OwnedProducts products;
    private UserCleanupHandler handler;
    private final List<RecordingContext> contexts = new ArrayList<>();

    @BeforeEach
    void setUp() {
        this.products = new OwnedProducts(db);
        this.handler = handlerOver(db.client());
    }

    private UserCleanupHandler handlerOver(DynamoDbClient client) {
        return new UserCleanupHandler(Wiring.userCleanup(Environment.of(db.environment()), client));
    }

    private StreamsEventResponse run(UserCleanupHandler handler, DynamodbEvent event) {
        RecordingContext context = new RecordingContext();
        contexts.add(context);
        return handler.handleRequest(event, context);
    }

    /** The functions' log lines during the test: their standard output. */
    @RegisterExtension
    final CapturedOutput output = new CapturedOutput();

    private String log() {
        return output.text();
    }

    /** A registered user, deleted as DELETE /users/{id} deletes it, with the products they had. */
    private record Removed(String id, String email, List<String> products) {}

    private Removed removedUserWith(int productCount) {
        String email = unique("leaving");
        String id = api.register(email, "correct horse");
        List<String> owned = products.create(id, productCount);
        assertEquals(204, api.delete(id).status());
        return new Removed(id, email, owned);
    }

    private static List<String> identifiers(StreamsEventResponse response) {
        return response.getBatchItemFailures().stream()
                .map(BatchItemFailure::getItemIdentifier)
                .toList();
    }

    @Test
    void theSampleEvent_deletesTheUsersProducts_andReportsNoFailure() {
        // given: the sample's record, naming a user who owns three products
        ObjectNode sample = CleanupEvents.sample();
        String userId = sample.get("Records")
                .get(0)
                .get("dynamodb")
                .get("Keys")
                .get("id")
                .get("S")
                .asText();
        // The sample's id is no registered user's: its products are written to the table directly.
        List<String> owned = seedProductsOf(userId, 3);

        // when
        StreamsEventResponse response = run(handler, TestEvents.toLambdaEvent(DynamodbEvent.class, sample));

        // then
        assertEquals(List.of(), identifiers(response));
        assertEquals(List.of(), products.of(userId));
        owned.forEach(id -> assertTrue(stored(id).isEmpty()));
        assertFalse(log().contains("grace@example.com"), "the log never names the email");
    }

    @Test
    void aRemoval_deletesEveryProductOfTheUser_andNoOneElses() {
        // given
        Removed removed = removedUserWith(30);
        String other = api.register(unique("staying"), "correct horse");
        List<String> kept = products.create(other, 5);

        // when
        StreamsEventResponse response = run(handler, event(removal(removed.id(), removed.email(), 1)));

        // then
        assertEquals(List.of(), identifiers(response));
        assertEquals(List.of(), products.of(removed.id()));
        assertEquals(
                kept.stream().sorted().toList(),
                products.of(other).stream().sorted().toList());
        assertEquals(200, api.get(other).status(), "the other user is untouched");
        assertTrue(log().contains("\"productsDeleted\":30"), log());
        assertFalse(log().contains(removed.email()), "the log never names the email");
    }

    @Test
    void aUserWithMoreThanOnePageOfProducts_isCleanedCompletely() {
        Removed removed = removedUserWith(130);

        StreamsEventResponse response = run(handler, event(removal(removed.id(), removed.email(), 1)));

        assertEquals(List.of(), identifiers(response));
        assertEquals(List.of(), products.of(removed.id()));
        assertTrue(log().contains("\"productsDeleted\":130"), log());
    }

    @Test
    void aRecordDeliveredTwice_isHarmless() {
        // given
        Removed removed = removedUserWith(4);
        String other = api.register(unique("bystander"), "correct horse");
        List<String> kept = products.create(other, 2);
        DynamodbEvent event = event(removal(removed.id(), removed.email(), 1));

        // when
        StreamsEventResponse first = run(handler, event);
        StreamsEventResponse second = run(handler, event);

        // then
        assertEquals(List.of(), identifiers(first));
        assertEquals(List.of(), identifiers(second));
        assertEquals(List.of(), products.of(removed.id()));
        assertEquals(kept.size(), products.of(other).size());
        assertTrue(log().contains("\"productsDeleted\":0"), "the second run found nothing left: " + log());
    }

    @Test
    void aRemoval_releasesTheReservationTheDeleteLeftBehind_soTheAddressIsFreeAtOnce() {
        // given: the delete answered 204, but releasing the address failed
        String email = unique("stuck");
        String id = api.register(email, "correct horse");
        InjectedFailure failure = InjectedFailure.onCall(1, "DeleteItem", stored.emailsTable(), BEFORE_SENDING);
        UsersApi failing = UsersApi.over(db, faulty.dynamoDb(db, failure), MutableClock.at("2026-11-24T22:11:28.123Z"));
        assertEquals(204, failing.delete(id).status());
        assertEquals(1, failure.failures());
        assertTrue(stored.reservation(email).isPresent(), "left behind");

        // when
        StreamsEventResponse response = run(handler, event(removal(id, email, 1)));

        // then: no grace period to wait out
        assertEquals(List.of(), identifiers(response));
        assertTrue(stored.reservation(email).isEmpty());
        assertTrue(log().contains("\"emailReleased\":true"), log());
        assertEquals(201, api.create(email, "new owner pw").status());
    }

    @Test
    void aRemoval_keepsTheReservation_whenTheAddressBelongsToSomeoneElseNow() {
        // given: the address was taken again before the record arrived
        Removed removed = removedUserWith(1);
        String newOwner = api.register(removed.email(), "new owner pw");

        // when
        StreamsEventResponse response = run(handler, event(removal(removed.id(), removed.email(), 1)));

        // then
        assertEquals(List.of(), identifiers(response));
        assertEquals(
                newOwner, StoredItems.text(stored.reservation(removed.email()).orElseThrow(), "userId"));
        assertEquals(200, api.get(newOwner).status());
    }

    @Test
    void aProductThatChangedOwnerAfterItWasListed_isKept() {
        // given: right after the clean-up lists the products, one of them is handed to another user
        Removed removed = removedUserWith(3);
        String heir = api.register(unique("heir"), "correct horse");
        String handedOver = removed.products().getFirst();
        ExecutionInterceptor handOver = InjectedAction.afterCall(
                "Query",
                products.table(),
                () -> db.client()
                        .updateItem(r -> r.tableName(products.table())
                                .key(Map.of("id", AttributeValue.fromS(handedOver)))
                                .updateExpression("SET ownerId = :heir")
                                .expressionAttributeValues(Map.of(":heir", AttributeValue.fromS(heir)))));

        // when
        StreamsEventResponse response =
                run(handlerOver(faulty.dynamoDb(db, handOver)), event(removal(removed.id(), removed.email(), 1)));

        // then
        assertEquals(List.of(), identifiers(response));
        assertEquals(List.of(), products.of(removed.id()));
        assertEquals(List.of(handedOver), products.of(heir));
    }

    @Test
    void aRecordThatIsNotARemoval_isIgnored() {
        // given: a user who is still there, with products
        String id = api.register(unique("new"), "correct horse");
        List<String> owned = products.create(id, 2);

        // when: its insert arrives (the event source's filter would have kept it out)
        StreamsEventResponse response = run(handler, event(CleanupEvents.insert(id, 1)));

        // then
        assertEquals(List.of(), identifiers(response));
        assertEquals(owned.size(), products.of(id).size());
    }

    @Test
    void anEmptyEvent_reportsNoFailure() {
        assertEquals(List.of(), identifiers(run(handler, event())));
    }

    @Test
    void aFailureOnTheSecondRecord_reportsExactlyItsSequenceNumber_andLeavesTheThirdForTheRetry() {
        // given: three removed users; the second record's query of the owner index fails
        Removed first = removedUserWith(3);
        Removed second = removedUserWith(3);
        Removed third = removedUserWith(3);
        InjectedFailure failure = InjectedFailure.onCall(2, "Query", products.table(), BEFORE_SENDING);
        UserCleanupHandler failing = handlerOver(faulty.dynamoDb(db, failure));

        // when
        StreamsEventResponse response = run(
                failing,
                event(
                        removal(first.id(), first.email(), 1),
                        removal(second.id(), second.email(), 2),
                        removal(third.id(), third.email(), 3)));

        // then: the first is done, the second reported, the third not touched
        assertEquals(List.of(sequenceNumber(2)), identifiers(response));
        assertEquals(1, failure.failures());
        assertEquals(List.of(), products.of(first.id()));
        assertEquals(3, products.of(second.id()).size());
        assertEquals(3, products.of(third.id()).size(), "a record after the failed one is left for the retry");
        assertTrue(log().contains(sequenceNumber(2)), "the failure's log line names the record: " + log());
        for (Removed each : List.of(first, second, third)) {
            assertFalse(log().contains(each.email()), "the log never names an email");
        }

        // and when Lambda retries from the reported record
        StreamsEventResponse retry =
                run(failing, event(removal(second.id(), second.email(), 2), removal(third.id(), third.email(), 3)));

        // then
        assertEquals(List.of(), identifiers(retry));
        assertEquals(List.of(), products.of(second.id()));
        assertEquals(List.of(), products.of(third.id()));
    }

    @Test
    void aFailureHalfwayThroughAUser_keepsWhatWasDone_andTheRetryFinishes() {
        // given: the fifth product delete fails
        Removed removed = removedUserWith(10);
        InjectedFailure failure = InjectedFailure.onCall(5, "DeleteItem", products.table(), BEFORE_SENDING);
        UserCleanupHandler failing = handlerOver(faulty.dynamoDb(db, failure));
        DynamodbEvent event = event(removal(removed.id(), removed.email(), 7));

        // when
        StreamsEventResponse response = run(failing, event);

        // then
        assertEquals(List.of(sequenceNumber(7)), identifiers(response));
        assertEquals(6, products.of(removed.id()).size(), "four deleted before the failure");
        assertEquals(List.of(), identifiers(run(failing, event)));
        assertEquals(List.of(), products.of(removed.id()));
    }

    @Test
    void anOutage_isReportedAsTheFirstRecordsFailure_neverSwallowed() throws Exception {
        // given
        Removed first = removedUserWith(2);
        Removed second = removedUserWith(2);
        InjectedFailure outage = InjectedFailure.outage();

        // when
        StreamsEventResponse response = run(
                handlerOver(faulty.dynamoDb(db, outage)),
                event(removal(first.id(), first.email(), 1), removal(second.id(), second.email(), 2)));

        // then
        assertEquals(List.of(sequenceNumber(1)), identifiers(response));
        assertEquals(2, products.of(first.id()).size());
        assertEquals(2, products.of(second.id()).size());
        JsonNode line = errorLine();
        assertEquals("ERROR", line.get("level").asText());
        assertEquals(sequenceNumber(1), line.get("sequenceNumber").asText());
        assertEquals(first.id(), line.get("userId").asText(), "the user whose clean-up may have to be run again");
        assertEquals(contexts.getLast().getAwsRequestId(), line.get("requestId").asText());
        assertTrue(line.get("error").asText().contains("StorageException"), line.toString());
        assertFalse(log().contains(first.email()));
        assertFalse(log().contains("injected"), "library messages stay out of the log line");
    }

    @Test
    void aRecordThatNamesNoUser_isReportedAsFailed_soItEndsInTheFailureQueue() throws Exception {
        ObjectNode keyless = removal(UUID.randomUUID().toString(), "x@example.com", 4);
        ((ObjectNode) keyless.get("dynamodb")).remove("Keys");

        StreamsEventResponse response = run(handler, event(keyless));

        assertEquals(List.of(sequenceNumber(4)), identifiers(response));
        assertTrue(errorLine().get("error").asText().contains("no keys"), log());
    }

    /** Products stored as the product service stores them, for an owner id no registered user has. */
    private List<String> seedProductsOf(String ownerId, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = UUID.randomUUID().toString();
            String createdAt = "2026-11-20T09:15:0" + (i % 10) + ".000Z";
            db.client()
                    .putItem(r -> r.tableName(products.table())
                            .item(Map.of(
                                    "id", AttributeValue.fromS(id),
                                    "ownerId", AttributeValue.fromS(ownerId),
                                    "name", AttributeValue.fromS("Sample"),
                                    "price", AttributeValue.fromN("1"),
                                    "currency", AttributeValue.fromS("EUR"),
                                    "stock", AttributeValue.fromN("0"),
                                    "createdAt", AttributeValue.fromS(createdAt),
                                    "updatedAt", AttributeValue.fromS("2026-11-20T09:15:00.000Z"),
                                    "version", AttributeValue.fromN("1"))));
            ids.add(id);
        }
        return ids;
    }

    private Optional<Map<String, AttributeValue>> stored(String productId) {
        Map<String, AttributeValue> item = db.client()
                .getItem(r -> r.tableName(products.table())
                        .key(Map.of("id", AttributeValue.fromS(productId)))
                        .consistentRead(true))
                .item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    private JsonNode errorLine() throws Exception {
        for (String line : output.lines()) {
            if (line.startsWith("{") && line.contains("\"ERROR\"")) {
                return JSON.readTree(line);
            }
        }
        throw new AssertionError("no error line in the log: " + log());
    }
}
