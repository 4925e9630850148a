package dev.shopfront.users;

import static dev.shopfront.devkit.testing.InjectedFailure.Moment.BEFORE_SENDING;
import static dev.shopfront.users.CreateUserHandlerTest.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shopfront.config.Environment;
import dev.shopfront.config.Wiring;
import dev.shopfront.devkit.junit.CapturedDynamoDb;
import dev.shopfront.devkit.junit.DynamoDbExtension;
import dev.shopfront.devkit.junit.TestDynamoDb;
import dev.shopfront.devkit.streams.ChangeRecord;
import dev.shopfront.devkit.streams.StreamEventSource;
import dev.shopfront.devkit.streams.StreamEventSource.Delivery;
import dev.shopfront.devkit.testing.Answer;
import dev.shopfront.devkit.testing.CapturedOutput;
import dev.shopfront.devkit.testing.FaultyClients;
import dev.shopfront.devkit.testing.HandlerInvoker;
import dev.shopfront.devkit.testing.HttpApiEvent;
import dev.shopfront.devkit.testing.InjectedFailure;
import dev.shopfront.devkit.testing.MutableClock;
import dev.shopfront.products.GetProductHandler;
import dev.shopfront.products.ListProductsHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The clean-up through the real trigger path: DELETE /users/{id} writes through the change capture, the
 * users table's stream carries the removal, and the event source of the template's UserCleanupFunction
 * (its filter, batch size, window, partial failures, bisection, retries, failure queue) delivers it to
 * the handler through the Lambda runtime's serializers.
 */
@ExtendWith(DynamoDbExtension.class)
class UserCleanupStreamTest {
    /** The functions' log lines (standard output) during each test. */
    @RegisterExtension
    final CapturedOutput output = new CapturedOutput();

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The contract: every product is gone within 10 seconds of the 204. */
    private static final Duration CONTRACT = Duration.ofSeconds(10);

    private TestDynamoDb db;
    private CapturedDynamoDb captured;
    private Environment environment;
    private UsersApi api;
    private OwnedProducts products;
    private GetProductHandler getProduct;
    private ListProductsHandler listProducts;
    private final List<String> failureQueue = new CopyOnWriteArrayList<>();
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

    @RegisterExtension
    final FaultyClients faulty = new FaultyClients();

    private StreamEventSource cleanup;

    @BeforeEach
    void setUp(TestDynamoDb db) {
        this.db = db;
        this.captured = CapturedDynamoDb.inFrontOf(db);
        this.environment = Environment.of(captured.environment());
        // Every function talks to DynamoDB through the capture, as the local API's functions do.
        this.api = UsersApi.over(db, captured.client(), MutableClock.at("2026-11-24T22:11:28.123Z"));
        this.products = new OwnedProducts(db);
        this.getProduct = new GetProductHandler(Wiring.productLookup(environment, captured.client()));
        this.listProducts = new ListProductsHandler(Wiring.productListing(environment, captured.client()));
    }

    @AfterEach
    void tearDown() {
        captured.close();
    }

    /** The template's event source of UserCleanupFunction, delivering to a handler storing through {@code client}. */
    private HandlerInvoker<DynamodbEvent, StreamsEventResponse> startCleanup(DynamoDbClient client) {
        HandlerInvoker<DynamodbEvent, StreamsEventResponse> function =
                HandlerInvoker.of(new UserCleanupHandler(Wiring.userCleanup(environment, client)), DynamodbEvent.class);
        StreamEventSource source = captured.eventSource("UserCleanupFunction", function, (queue, message) -> {
            assertEquals("UserCleanupFailureQueue", queue);
            failureQueue.add(message);
        });
        cleanup = source.onDelivery(deliveries::add)
                .retryDelay(Duration.ofMillis(20))
                .start();
        return function;
    }

    @Test
    void deletingAUser_removesEveryOneOfTheirProductsFromEveryList_within10Seconds() throws Exception {
        // given: a user with 30 products in two categories and none, and another user's products
        String email = unique("leaving");
        String owner = api.register(email, "correct horse");
        List<String> owned = products.create(owner, 30);
        String other = api.register(unique("staying"), "correct horse");
        List<String> kept = products.create(other, 6);
        startCleanup(captured.client());
        assertEquals(30, ids(list("ownerId", owner, "limit", "100")).size());

        // when
        Answer deleted = api.delete(owner);
        long started = System.nanoTime();

        // then
        assertEquals(204, deleted.status(), deleted::toString);
        awaitWithin(CONTRACT, () -> ids(list("ownerId", owner)).isEmpty());
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(cleanup.awaitCaughtUp(CONTRACT));
        for (String id : owned) {
            assertEquals(404, getProduct(id), "product " + id + " still answers");
        }
        Set<String> everywhere = new HashSet<>(walk());
        everywhere.addAll(walk("category", "garden"));
        everywhere.addAll(walk("category", "kitchen"));
        owned.forEach(id -> assertFalse(everywhere.contains(id), "product " + id + " is still listed"));
        assertTrue(everywhere.containsAll(kept), "the other user's products are all still listed");
        for (String id : kept) {
            assertEquals(200, getProduct(id));
        }
        assertEquals(200, api.get(other).status());
        assertEquals(201, api.create(email, "someone new").status(), "the address can be registered again");
        assertTrue(failureQueue.isEmpty(), failureQueue::toString);
        assertEquals(
                1,
                deliveries.stream().mapToInt(Delivery::records).sum(),
                "only the removal was delivered: " + deliveries);
        System.out.println("clean-up of 30 products: " + millis + " ms after the 204");
    }

    @Test
    void aFailureOnTheSecondRemovalOfABatch_isRetriedFromThatRecord_andEveryUserEndsClean() throws Exception {
        // given: three users removed close together (one batch, by the 1 s window); the second user's
        // query of the owner index fails once
        List<String> owners = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String owner = api.register(unique("batch" + i), "correct horse");
            products.create(owner, 3);
            owners.add(owner);
        }
        InjectedFailure failure = InjectedFailure.onCall(2, "Query", products.table(), BEFORE_SENDING);
        HandlerInvoker<DynamodbEvent, StreamsEventResponse> function =
                startCleanup(faulty.dynamoDb(captured.clientBuilder(), failure));

        // when
        owners.forEach(owner -> assertEquals(204, api.delete(owner).status()));

        // then
        awaitWithin(
                CONTRACT,
                () -> owners.stream().allMatch(owner -> products.of(owner).isEmpty()));
        assertTrue(cleanup.awaitCaughtUp(CONTRACT), "the deliveries are all reported");
        assertEquals(1, failure.failures());
        List<ChangeRecord> removals = captured.stream("UsersTable").records().stream()
                .filter(record -> record.eventName().equals("REMOVE"))
                .toList();
        assertEquals(3, removals.size());
        assertEquals(
                List.of(3, 2),
                deliveries.stream().map(Delivery::records).toList(),
                "all three, then from the second on");
        assertEquals(List.of(2, 0), deliveries.stream().map(Delivery::failures).toList());
        assertEquals(removals.get(1).sequenceNumber(), deliveries.get(1).firstSequenceNumber());
        assertEquals(2, function.invocations());
        assertTrue(output.text().contains(removals.get(1).sequenceNumber()), output.text());
        assertTrue(failureQueue.isEmpty());
    }

    @Test
    void aCleanupThatKeepsFailing_isRetriedAsTheTemplateSays_thenDescribedInTheFailureQueue() throws Exception {
        // given: DynamoDB is out of reach for the clean-up, not for the delete
        String owner = api.register(unique("unlucky"), "correct horse");
        List<String> owned = products.create(owner, 2);
        HandlerInvoker<DynamodbEvent, StreamsEventResponse> function =
                startCleanup(faulty.dynamoDb(captured.clientBuilder(), InjectedFailure.outage()));

        // when
        assertEquals(204, api.delete(owner).status());

        // then: the first try and MaximumRetryAttempts (5) retries, each reporting the record, then the failure queue
        awaitWithin(CONTRACT, () -> !failureQueue.isEmpty());
        assertTrue(cleanup.awaitCaughtUp(CONTRACT));
        ChangeRecord removal = captured.stream("UsersTable").records().stream()
                .filter(record -> record.eventName().equals("REMOVE"))
                .findFirst()
                .orElseThrow();
        assertEquals(6, function.invocations());
        JsonNode message = JSON.readTree(failureQueue.getFirst());
        assertEquals(
                "RetryAttemptsExhausted",
                message.get("requestContext").get("condition").asText());
        assertEquals(
                6, message.get("requestContext").get("approximateInvokeCount").asInt());
        assertTrue(message.get("requestContext").get("functionArn").asText().endsWith(":function:UserCleanupFunction"));
        JsonNode info = message.get("DDBStreamBatchInfo");
        assertEquals(removal.sequenceNumber(), info.get("startSequenceNumber").asText());
        assertEquals(removal.sequenceNumber(), info.get("endSequenceNumber").asText());
        assertEquals(1, info.get("batchSize").asInt());
        assertEquals(
                captured.stream("UsersTable").streamArn(), info.get("streamArn").asText());
        assertEquals(1, failureQueue.size());
        assertEquals(owned.size(), products.of(owner).size(), "nothing was deleted, and nothing claimed it was");
        deliveries.forEach(delivery -> assertEquals(1, delivery.failures(), delivery::toString));
    }

    private ObjectNode list(String... query) {
        HttpApiEvent event = HttpApiEvent.load("get-user.json").withoutCaller();
        ObjectNode json = event.json();
        json.put("routeKey", "GET /products");
        json.put("rawPath", "/products");
        json.put("rawQueryString", "");
        ((ObjectNode) json.get("requestContext").get("http")).put("path", "/products");
        ((ObjectNode) json.get("requestContext")).put("routeKey", "GET /products");
        json.remove("pathParameters");
        for (int i = 0; i < query.length; i += 2) {
            event.query(query[i], query[i + 1]);
        }
        var response = event.sendTo(listProducts);
        assertEquals(200, response.status(), response::body);
        try {
            return (ObjectNode) JSON.readTree(response.body());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Every product id of a list, page after page. */
    private List<String> walk(String... query) {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            List<String> parameters = new ArrayList<>(List.of(query));
            parameters.addAll(List.of("limit", "100"));
            if (cursor != null) {
                parameters.addAll(List.of("cursor", cursor));
            }
            ObjectNode page = list(parameters.toArray(String[]::new));
            seen.addAll(ids(page));
            cursor = page.get("nextCursor").asText(null);
        } while (cursor != null);
        return seen;
    }

    private static List<String> ids(ObjectNode page) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("id").asText()));
        return ids;
    }

    /** GET /products/{id}'s status. */
    private int getProduct(String id) {
        HttpApiEvent event = HttpApiEvent.load("get-user.json").withoutCaller();
        ObjectNode json = event.json();
        json.put("routeKey", "GET /products/{id}");
        ((ObjectNode) json.get("requestContext")).put("routeKey", "GET /products/{id}");
        event.pathId(id);
        return event.sendTo(getProduct).status();
    }

    private static void awaitWithin(Duration limit, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + limit);
            }
            Thread.sleep(50);
        }
    }
}
