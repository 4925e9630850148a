package dev.shopfront.products;

import static dev.shopfront.devkit.testing.FaultyClients.closedPort;
import static dev.shopfront.devkit.testing.ProblemAssertions.assertLeaksNothing;
import static dev.shopfront.devkit.testing.ProblemAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shopfront.devkit.testing.Answer;
import dev.shopfront.devkit.testing.CapturedOutput;
import dev.shopfront.devkit.testing.InjectedFailure;
import dev.shopfront.devkit.testing.MutableClock;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

class GetProductHandlerTest extends ProductsTestBed {
    /** The functions' log lines (standard output) during each test. */
    @RegisterExtension
    final CapturedOutput output = new CapturedOutput();

    static final String GENERIC_DETAIL = "An unexpected error occurred. Quote the requestId when reporting it.";

    @Test
    void get_returns200WithTheProductAndItsETag_withoutACaller() {
        // given
        Answer created = api.call(ProductEvents.createProduct(owner));

        // when: a public route, reached without the authorizer
        Answer answer = api.get(created.id());

        // then
        assertEquals(200, answer.status(), answer::toString);
        assertEquals("application/json", answer.header("Content-Type"));
        assertEquals("\"1\"", answer.header("ETag"));
        assertEquals(created.json(), answer.json());
        assertEquals(created.body(), answer.body(), "the same JSON text, price included");
    }

    @Test
    void get_findsTheProduct_whenThePathIdIsUpperCase() {
        String id = api.call(ProductEvents.createProduct(owner)).id();

        Answer answer = api.get(id.toUpperCase(Locale.ROOT));

        assertEquals(200, answer.status(), answer::toString);
        assertEquals(id, answer.id());
    }

    @Test
    void get_returns404_whenTheProductIsUnknown() {
        assertProblem(api.get(UUID.randomUUID().toString()), 404, "not-found");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"not-a-uuid", "12345", "0b7e4d2a-91c3-4f5e-8a6b-3c2d1e0f9a8", "0b7e4d2a91c34f5e8a6b3c2d1e0f9a8b"
            })
    void get_returns404_whenThePathIdIsNotAUuid(String id) {
        assertProblem(api.get(id), 404, "not-found");
    }

    @Test
    void get_returns500NeverNotFound_whenDynamoDbIsUnreachable() throws Exception {
        // given: a product that exists, and a client pointed at a port nothing listens on
        String id = api.call(ProductEvents.createProduct(owner)).id();
        try (DynamoDbClient unreachable =
                db.clientBuilder().endpointOverride(closedPort()).build()) {
            // when
            Answer answer =
                    ProductsApi.over(db, unreachable, MutableClock.at(CREATED)).get(id);

            // then
            assertProblem(answer, 500, "internal-error");
            assertEquals(GENERIC_DETAIL, answer.json().get("detail").asText());
            assertLeaksNothing(answer, db.table("ProductsTable"), "127.0.0.1", "Connection refused", "DynamoDB");
            assertTrue(output.text().contains(answer.request().requestId()), "the log names the request id");
            assertTrue(output.text().contains("StorageException"), "the details go to the log");
        }
    }

    @Test
    void get_returns500NeverNotFound_whenEveryDynamoDbCallFails() {
        String id = api.call(ProductEvents.createProduct(owner)).id();
        InjectedFailure outage = InjectedFailure.outage();
        try (DynamoDbClient failing = db.clientBuilder()
                .overrideConfiguration(o -> o.addExecutionInterceptor(outage))
                .build()) {
            Answer answer =
                    ProductsApi.over(db, failing, MutableClock.at(CREATED)).get(id);

            assertProblem(answer, 500, "internal-error");
            assertEquals(GENERIC_DETAIL, answer.json().get("detail").asText());
            assertLeaksNothing(answer, db.table("ProductsTable"), "injected", "Connection reset");
            assertTrue(outage.failures() > 0);
        }
    }
}
