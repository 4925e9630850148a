package dev.shopfront.imports;

import static dev.shopfront.devkit.testing.InjectedFailure.Moment.BEFORE_SENDING;
import static dev.shopfront.imports.StoredImports.number;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shopfront.config.Environment;
import dev.shopfront.config.Wiring;
import dev.shopfront.devkit.testing.InjectedAction;
import dev.shopfront.devkit.testing.InjectedFailure;
import dev.shopfront.queue.Redelivery;
import dev.shopfront.service.ProductImporter;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * An import whose owner is deleted before its items are created, while they are, or between a delivery
 * that wrote them and the one that settles them, leaves none of them behind: the clean-up that the
 * deletion triggers may have listed the owner's products before these were written (contract, "Deleting a
 * user removes their products"; docs/bulk-import.md).
 */
class ImportOwnerDeletedTest extends ImportsTestBed {
    private static final int ITEMS = 10;

    private String leaving;
    private String importId;
    private List<Message> messages;

    @BeforeEach
    void startAnImportOfAUserWhoWillLeave() {
        leaving = ImportsApi.registerUser(db, "leaving");
        importId = api.started(leaving, Items.body(ITEMS, Map.of()));
        messages = queue.receiveAll();
        assertEquals(1, messages.size());
    }

    @Test
    void consume_createsNothingAndFailsEveryItem_whenTheOwnerWasDeletedBeforeTheMessageArrived() {
        ImportsApi.deleteUser(db, leaving);

        QueueDeliveries.Delivery delivery = queue.invoke(api.consumer(), messages);
        queue.delete(messages);

        assertTrue(delivery.failedIds().isEmpty(), "the message was reported failed");
        assertSettledAsOwnerDeleted();
    }

    @Test
    void consume_deletesWhatItWrote_whenTheOwnerIsDeletedWhileItWrites() {
        AtomicInteger writes = new AtomicInteger();
        InjectedAction deleteOwnerAfterThirdWrite =
                InjectedAction.afterCall("PutItem", db.table("ProductsTable"), () -> {
                    if (writes.incrementAndGet() == 3) {
                        ImportsApi.deleteUser(db, leaving);
                    }
                });

        QueueDeliveries.Delivery delivery =
                queue.invoke(consumer(faulty.dynamoDb(db, deleteOwnerAfterThirdWrite)), messages);
        queue.delete(messages);

        assertEquals(ITEMS, writes.get(), "the consumer stopped writing");
        assertTrue(delivery.failedIds().isEmpty(), "the message was reported failed");
        assertSettledAsOwnerDeleted();
    }

    @Test
    void consume_deletesWhatAnEarlierDeliveryWrote_whenTheOwnerWasDeletedBeforeTheMessageCameBack() {
        // given: a delivery that wrote every product and failed to settle them
        InjectedFailure settleFails = InjectedFailure.onCall(1, "UpdateItem", db.table("ImportsTable"), BEFORE_SENDING);
        QueueDeliveries.Delivery failed = queue.invoke(consumer(faulty.dynamoDb(db, settleFails)), messages);
        assertEquals(Set.of(messages.getFirst().messageId()), failed.failedIds());
        assertTrue(
                stored.product(ProductImporter.productId(importId, ITEMS - 1)).isPresent());

        // when: the owner leaves, then the queue delivers the message again
        ImportsApi.deleteUser(db, leaving);
        QueueDeliveries.Delivery again = queue.invoke(api.consumer(), messages);
        queue.delete(messages);

        // then
        assertTrue(again.failedIds().isEmpty(), "the message was reported failed");
        assertSettledAsOwnerDeleted();
    }

    /** Every item settled once as failed for its deleted owner, and none of their products stored. */
    private void assertSettledAsOwnerDeleted() {
        Map<String, AttributeValue> record = stored.importRecord(importId).orElseThrow();
        assertEquals(0, number(record, "created"));
        assertEquals(ITEMS, number(record, "failed"));
        assertEquals(ITEMS, record.get("settled").ns().size());
        List<AttributeValue> errors = record.get("errors").l();
        assertEquals(ITEMS, errors.size());
        errors.forEach(error ->
                assertEquals(ProductImporter.OWNER_DELETED, error.m().get("m").s()));
        for (int index = 0; index < ITEMS; index++) {
            assertTrue(
                    stored.product(ProductImporter.productId(importId, index)).isEmpty(),
                    "the product of item " + index + " is still stored");
        }
    }

    private ImportProductsHandler consumer(DynamoDbClient client) {
        return new ImportProductsHandler(
                Wiring.productImporter(Environment.of(db.environment()), client, Clock.systemUTC()),
                Redelivery.AFTER_VISIBILITY_TIMEOUT);
    }
}
