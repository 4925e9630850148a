package dev.shopfront.users;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shopfront.devkit.testing.TestEvents;
import java.math.BigInteger;

/** Users-table stream events for the clean-up, made from the sample {@code events/user-cleanup-stream.json}. */
final class CleanupEvents {
    private static final BigInteger FIRST_SEQUENCE = new BigInteger("4421584500000000017450439091");

    private CleanupEvents() {}

    /** The sample event, as the file holds it. */
    static ObjectNode sample() {
        return TestEvents.load("user-cleanup-stream.json");
    }

    /** The sample's record, for a removal of {@code userId} with {@code email}, as the {@code n}th record of the shard. */
    static ObjectNode removal(String userId, String email, int n) {
        ObjectNode record = ((ObjectNode) sample().get("Records").get(0)).deepCopy();
        ObjectNode dynamodb = (ObjectNode) record.get("dynamodb");
        ((ObjectNode) dynamodb.get("Keys").get("id")).put("S", userId);
        ObjectNode oldImage = (ObjectNode) dynamodb.get("OldImage");
        ((ObjectNode) oldImage.get("id")).put("S", userId);
        ((ObjectNode) oldImage.get("email")).put("S", email);
        dynamodb.put("SequenceNumber", sequenceNumber(n));
        record.put("eventID", String.format("%032x", n));
        return record;
    }

    /** An insert of {@code userId}, as an OLD_IMAGE stream carries it: keys only. */
    static ObjectNode insert(String userId, int n) {
        ObjectNode record = removal(userId, "unused@example.com", n);
        record.put("eventName", "INSERT");
        ((ObjectNode) record.get("dynamodb")).remove("OldImage");
        return record;
    }

    static String sequenceNumber(int n) {
        return FIRST_SEQUENCE.add(BigInteger.valueOf(n)).toString();
    }

    /** An event of {@code records}, made by the serializer the Lambda runtime uses for stream events. */
    static DynamodbEvent event(ObjectNode... records) {
        ObjectNode event = sample();
        ArrayNode array = event.putArray("Records");
        for (ObjectNode record : records) {
            array.add(record);
        }
        return TestEvents.toLambdaEvent(DynamodbEvent.class, event);
    }
}
