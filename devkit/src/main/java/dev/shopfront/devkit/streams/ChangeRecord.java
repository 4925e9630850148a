package dev.shopfront.devkit.streams;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.time.Instant;

/**
 * One stream record of a captured table, as Lambda hands it to a function inside a {@code DynamodbEvent}.
 *
 * @param json the record in the wire form ({@code eventID}, {@code eventName}, {@code dynamodb}, ...); callers
 *     must not change it (copy it first)
 * @param capturedAt when the write was captured: the record's age for {@code MaximumRecordAgeInSeconds}
 */
public record ChangeRecord(String sequenceNumber, String eventName, Instant capturedAt, ObjectNode json) {
    /** The sequence number as a number: sequence numbers compare numerically, not as text. */
    public BigInteger sequence() {
        return new BigInteger(sequenceNumber);
    }
}
