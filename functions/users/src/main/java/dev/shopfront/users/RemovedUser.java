package dev.shopfront.users;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.transformers.v2.dynamodb.DynamodbAttributeValueTransformer;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The user a users-table stream record removed: the id from its keys, the email from its old image.
 *
 * @param email null when the record carries no old image (a stream without OLD_IMAGE)
 */
record RemovedUser(String id, String email) {
    static final String REMOVE = "REMOVE";

    /** Whether the record is a removal; the event source's filter lets only those through. */
    static boolean isRemoval(DynamodbStreamRecord record) {
        return REMOVE.equals(record.getEventName());
    }

    /** @throws UnreadableRecordException when the record does not name a user: it cannot be cleaned up */
    static RemovedUser of(DynamodbStreamRecord record) {
        if (record.getDynamodb() == null || record.getDynamodb().getKeys() == null) {
            throw new UnreadableRecordException("The stream record has no keys");
        }
        Map<String, AttributeValue> keys = DynamodbAttributeValueTransformer.toAttributeValueMapV2(record.getDynamodb().getKeys());
        String id = text(keys, "id");
        if (id == null) {
            throw new UnreadableRecordException("The stream record's keys have no string id");
        }
        var oldImage = record.getDynamodb().getOldImage();
        String email = oldImage == null ? null : text(DynamodbAttributeValueTransformer.toAttributeValueMapV2(oldImage), "email");
        return new RemovedUser(id, email);
    }

    private static String text(Map<String, AttributeValue> item, String attribute) {
        AttributeValue value = item.get(attribute);
        return value == null ? null : value.s();
    }

    /** A stream record that names no user; reported as failed, so it ends in the failure queue rather than being dropped. */
    static final class UnreadableRecordException extends RuntimeException {
        UnreadableRecordException(String message) {
            super(message);
        }
    }

    @Override
    public String toString() {
        // Never the email: this may end up in a log line.
        return "RemovedUser[id=" + id + "]";
    }
}
