package dev.shopfront.products;

import static dev.shopfront.devkit.testing.ProblemAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shopfront.devkit.junit.TestDynamoDb;
import dev.shopfront.devkit.testing.Answer;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class DeleteProductHandlerTest extends ProductsTestBed {
    private static String stranger;

    @BeforeAll
    static void registerStranger(TestDynamoDb db) {
        stranger = ProductsApi.registerUser(db, "stranger");
    }

    @Test
    void delete_returns204WithoutABody_thenGetReturns404() {
        // given
        String id = api.call(ProductEvents.createProduct(owner)).id();

        // when
        Answer answer = api.delete(owner, id);

        // then
        assertEquals(204, answer.status(), answer::toString);
        assertNull(answer.body());
        assertProblem(api.get(id), 404, "not-found");
        assertTrue(stored.item(id).isEmpty(), "the item is gone from the table");
    }

    @Test
    void delete_returns404_whenDeletedTwice() {
        String id = api.call(ProductEvents.createProduct(owner)).id();
        assertEquals(204, api.delete(owner, id).status());

        assertProblem(api.delete(owner, id), 404, "not-found");
    }

    @Test
    void delete_returns404_whenTheProductIsUnknown() {
        assertProblem(api.delete(owner, UUID.randomUUID().toString()), 404, "not-found");
    }

    @Test
    void delete_returns403_forAnotherUser_andKeepsTheProduct() {
        String id = api.call(ProductEvents.createProduct(owner)).id();
        Map<String, AttributeValue> before = stored.item(id).orElseThrow();

        Answer answer = api.delete(stranger, id);

        assertProblem(answer, 403, "forbidden");
        assertEquals(before, stored.item(id).orElseThrow());
        assertEquals(200, api.get(id).status());
    }

    @Test
    void delete_returns401_withoutTheAuthorizerContext_andKeepsTheProduct() {
        String id = api.call(ProductEvents.createProduct(owner)).id();
        Map<String, AttributeValue> before = stored.item(id).orElseThrow();

        Answer answer = api.call(ProductEvents.deleteProduct(id, owner).withoutCaller());

        assertProblem(answer, 401, "unauthorized");
        assertEquals(before, stored.item(id).orElseThrow());
    }

    @Test
    void delete_returns401_whenTheCallersUserWasDeleted_andKeepsTheProduct() {
        String gone = ProductsApi.registerUser(db, "gone");
        String id = api.call(ProductEvents.createProduct(gone)).id();
        ProductsApi.deleteUser(db, gone);
        Map<String, AttributeValue> before = stored.item(id).orElseThrow();

        Answer answer = api.delete(gone, id);

        assertProblem(answer, 401, "unauthorized");
        assertEquals(before, stored.item(id).orElseThrow());
    }
}
