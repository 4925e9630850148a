package dev.shopfront.users;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import java.util.Map;

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
        // Read in the event's own attribute type: two strings need no conversion to the DynamoDB SDK's, which
        // stays behind the repositories.
        String id = text(record.getDynamodb().getKeys(), "id");
        if (id == null) {
            throw new UnreadableRecordException("The stream record's keys have no string id");
        }
        Map<String, AttributeValue> oldImage = record.getDynamodb().getOldImage();
        String email = oldImage == null ? null : text(oldImage, "email");
        return new RemovedUser(id, email);
    }

    private static String text(Map<String, AttributeValue> item, String attribute) {
        AttributeValue value = item.get(attribute);
        return value == null ? null : value.getS();
    }

    /** A stream record that names no user; reported as failed, so it ends in the failure queue rather than being dropped. */
    static final class UnreadableRecordException extends RuntimeException {
        private static final long serialVersionUID = 1L;

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
