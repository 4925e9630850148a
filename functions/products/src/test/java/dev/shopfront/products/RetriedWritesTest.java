package dev.shopfront.products;

import static dev.shopfront.devkit.testing.InjectedFailure.Moment.APPLIED_THEN_RETRIED;
import static dev.shopfront.devkit.testing.JsonBody.raw;
import static dev.shopfront.devkit.testing.ProblemAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shopfront.devkit.testing.Answer;
import dev.shopfront.devkit.testing.InjectedFailure;
import org.junit.jupiter.api.Test;

/**
 * A stalled database: a change or delete is applied, its answer lost, and the SDK sends the call again. The client
 * is told what its request did, once: not a second version, not a refusal of its own write.
 */
class RetriedWritesTest extends ProductsTestBed {
    @Test
    void update_appliesTheChangeOnce_withoutIfMatch() {
        String id = api.call(ProductEvents.createProduct(owner)).id();
        InjectedFailure lost = InjectedFailure.onCall(1, "UpdateItem", stored.table(), APPLIED_THEN_RETRIED);

        Answer changed = over(lost).update(owner, id, raw("stock", "3"));

        assertEquals(200, changed.status(), changed::toString);
        assertEquals(1, lost.failures());
        assertEquals(2, changed.json().get("version").asInt());
        assertEquals("\"2\"", changed.header("ETag"));
        assertEquals(
                2, api.call(ProductEvents.getProduct(id)).json().get("version").asInt(), "one change, one version");
    }

    @Test
    void update_answers200_notA412ForItsOwnChange_withIfMatch() {
        String id = api.call(ProductEvents.createProduct(owner)).id();
        InjectedFailure lost = InjectedFailure.onCall(1, "UpdateItem", stored.table(), APPLIED_THEN_RETRIED);

        Answer changed = over(lost)
                .call(ProductEvents.updateProduct(id, owner)
                        .body(raw("stock", "3"))
                        .header("If-Match", "\"1\""));

        assertEquals(200, changed.status(), changed::toString);
        assertEquals(1, lost.failures());
        assertEquals(3, changed.json().get("stock").asInt());
        assertEquals(2, changed.json().get("version").asInt());
    }

    @Test
    void delete_answers204_notA404ForItsOwnDelete() {
        String id = api.call(ProductEvents.createProduct(owner)).id();
        InjectedFailure lost = InjectedFailure.onCall(1, "DeleteItem", stored.table(), APPLIED_THEN_RETRIED);

        Answer deleted = over(lost).call(ProductEvents.deleteProduct(id, owner).header("If-Match", "\"1\""));

        assertEquals(204, deleted.status(), deleted::toString);
        assertEquals(1, lost.failures());
        assertProblem(api.call(ProductEvents.getProduct(id)), 404, "not-found");
    }

    @Test
    void update_stillAnswers412_whenAnotherChangeMadeTheVersionStale_andItsAttemptWasRetried() {
        // given: the product changed by another request first; this request's first attempt is refused as stale, its
        // answer lost, and the retry refused again
        String id = api.call(ProductEvents.createProduct(owner)).id();
        assertEquals(200, api.update(owner, id, raw("stock", "5")).status());
        InjectedFailure lost = InjectedFailure.onCall(1, "UpdateItem", stored.table(), APPLIED_THEN_RETRIED);

        Answer stale = over(lost)
                .call(ProductEvents.updateProduct(id, owner)
                        .body(raw("stock", "3"))
                        .header("If-Match", "\"1\""));

        assertProblem(stale, 412, "precondition-failed");
        assertEquals(
                5, api.call(ProductEvents.getProduct(id)).json().get("stock").asInt());
    }

    private ProductsApi over(InjectedFailure failure) {
        return ProductsApi.over(db, faulty.dynamoDb(db, failure), clock);
    }
}
