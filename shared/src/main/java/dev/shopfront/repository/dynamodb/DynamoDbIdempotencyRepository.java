package dev.shopfront.repository.dynamodb;

import static dev.shopfront.repository.dynamodb.DynamoDbCalls.call;

import dev.shopfront.model.IdempotencyItem;
import dev.shopfront.repository.IdempotencyRepository;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Idempotency records in a DynamoDB table keyed by {@code id}. Every write is conditional, and every
 * condition that lets a write replace a record compares {@code expiresAt} itself: a record past its
 * expiry counts for nothing whether or not TTL has deleted it yet.
 */
public final class DynamoDbIdempotencyRepository implements IdempotencyRepository {
    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoDbIdempotencyRepository(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    @Override
    public boolean create(IdempotencyItem record, long nowSeconds) {
        return conditional(
                "create an idempotency record",
                () -> dynamoDb.putItem(r -> r.tableName(table)
                        .item(IdempotencySchema.SCHEMA.itemToMap(record, true))
                        .conditionExpression("attribute_not_exists(id) OR expiresAt <= :now")
                        .expressionAttributeValues(Map.of(":now", number(nowSeconds)))));
    }

    @Override
    public Optional<IdempotencyItem> find(String id) {
        Map<String, AttributeValue> item = call(
                        "read an idempotency record",
                        () -> dynamoDb.getItem(
                                r -> r.tableName(table).key(key(id)).consistentRead(true)))
                .item();
        return item == null || item.isEmpty()
                ? Optional.empty()
                : Optional.of(IdempotencySchema.SCHEMA.mapToItem(item));
    }

    @Override
    public boolean takeOver(IdempotencyItem seen, String owner, long leaseUntilMillis, long expiresAt) {
        // Naming the lease seen: of several retries taking over one abandoned lease, exactly one matches.
        return conditional(
                "take over an idempotency lease",
                () -> dynamoDb.updateItem(r -> r.tableName(table)
                        .key(key(seen.getId()))
                        .updateExpression("SET leaseOwner = :owner, leaseUntilMillis = :until, expiresAt = :expires")
                        .conditionExpression(
                                "#state = :inProgress AND leaseOwner = :seenOwner AND leaseUntilMillis = :seenUntil")
                        .expressionAttributeNames(Map.of("#state", "state"))
                        .expressionAttributeValues(Map.of(
                                ":owner", AttributeValue.fromS(owner),
                                ":until", number(leaseUntilMillis),
                                ":expires", number(expiresAt),
                                ":inProgress", AttributeValue.fromS(IdempotencyItem.IN_PROGRESS),
                                ":seenOwner", AttributeValue.fromS(seen.getLeaseOwner()),
                                ":seenUntil", number(seen.getLeaseUntilMillis())))));
    }

    @Override
    public boolean complete(
            String id, String owner, int status, Map<String, String> headers, String body, long expiresAt) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":owner", AttributeValue.fromS(owner),
                ":completed", AttributeValue.fromS(IdempotencyItem.COMPLETED),
                ":status", number(status),
                ":headers", AttributeValue.fromM(strings(headers)),
                ":expires", number(expiresAt)));
        String set = "SET #state = :completed, #status = :status, #headers = :headers, expiresAt = :expires";
        if (body != null) {
            values.put(":body", AttributeValue.fromS(body));
            set += ", #body = :body";
        }
        String update = set + " REMOVE leaseOwner, leaseUntilMillis";
        return conditional(
                "complete an idempotency record",
                () -> dynamoDb.updateItem(r -> r.tableName(table)
                        .key(key(id))
                        .updateExpression(update)
                        .conditionExpression("leaseOwner = :owner")
                        .expressionAttributeNames(
                                body != null
                                        ? Map.of(
                                                "#state",
                                                "state",
                                                "#status",
                                                "status",
                                                "#headers",
                                                "headers",
                                                "#body",
                                                "body")
                                        : Map.of("#state", "state", "#status", "status", "#headers", "headers"))
                        .expressionAttributeValues(values)));
    }

    @Override
    public boolean endLease(String id, String owner, long nowMillis) {
        return conditional(
                "end an idempotency lease",
                () -> dynamoDb.updateItem(r -> r.tableName(table)
                        .key(key(id))
                        .updateExpression("SET leaseUntilMillis = :now")
                        .conditionExpression("leaseOwner = :owner")
                        .expressionAttributeValues(
                                Map.of(":owner", AttributeValue.fromS(owner), ":now", number(nowMillis)))));
    }

    @Override
    public boolean delete(String id, String owner) {
        return conditional(
                "delete an idempotency record",
                () -> dynamoDb.deleteItem(r -> r.tableName(table)
                        .key(key(id))
                        .conditionExpression("leaseOwner = :owner")
                        .expressionAttributeValues(Map.of(":owner", AttributeValue.fromS(owner)))));
    }

    /** True when the write happened, false when its condition did not hold; any other failure is an outage. */
    private static boolean conditional(String what, Supplier<?> write) {
        try {
            call(what, write);
            return true;
        } catch (ConditionalCheckFailedException conditionNotMet) {
            return false;
        }
    }

    private static Map<String, AttributeValue> key(String id) {
        return Map.of("id", AttributeValue.fromS(id));
    }

    private static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    private static Map<String, AttributeValue> strings(Map<String, String> values) {
        Map<String, AttributeValue> attributes = new HashMap<>();
        values.forEach((name, value) -> attributes.put(name, AttributeValue.fromS(value)));
        return attributes;
    }
}
