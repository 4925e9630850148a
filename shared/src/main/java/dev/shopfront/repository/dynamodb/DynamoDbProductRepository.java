package dev.shopfront.repository.dynamodb;

import static dev.shopfront.repository.dynamodb.DynamoDbCalls.call;
import static dev.shopfront.repository.dynamodb.DynamoDbCalls.retried;

import dev.shopfront.error.ConcurrentChangeException;
import dev.shopfront.error.ForbiddenException;
import dev.shopfront.error.NotFoundException;
import dev.shopfront.error.PreconditionFailedException;
import dev.shopfront.model.ProductItem;
import dev.shopfront.repository.ProductRepository;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * Products in a DynamoDB table keyed by {@code id}, with the category and owner indexes. Changes are single
 * conditional writes: the owner, the version and the increment are checked and applied by DynamoDB
 * itself, so concurrent requests never lose an update. The low-level client, not the enhanced one: the
 * update's {@code SET #version = #version + :one} with a condition on owner and version is an expression
 * the enhanced client cannot write, and its schema cost the products functions' cold start (decisions.md).
 */
public final class DynamoDbProductRepository implements ProductRepository {
    /**
     * The attribute that holds the last change's stamp, a random UUID per {@link #update} call: it tells a retried
     * change that found its condition refused whether its own first attempt was applied. Not part of a product.
     */
    static final String WRITE_STAMP = "lastWrite";

    /** The attributes a change may write; each is set only when given. */
    private static final List<String> CHANGEABLE =
            List.of("name", "description", "price", "currency", "stock", "category", "updatedAt");

    private static final List<String> CATEGORY_INDEX_KEY = List.of("id", "category", "createdAt");
    private static final List<String> OWNER_INDEX_KEY = List.of("id", "ownerId", "createdAt");
    private static final List<String> TABLE_KEY = List.of("id");

    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoDbProductRepository(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    @Override
    public boolean insertIfAbsent(ProductItem product) {
        return put(product, "attribute_not_exists(id)");
    }

    @Override
    public void rehearseInsert(ProductItem product) {
        // Absent and present at once: DynamoDB evaluates the condition, refuses the write, stores nothing.
        if (put(product, "attribute_not_exists(id) AND attribute_exists(id)")) {
            throw new IllegalStateException("A rehearsed insert was stored: product " + product.getId());
        }
    }

    private boolean put(ProductItem product, String condition) {
        try {
            call(
                    "insert a product",
                    () -> dynamoDb.putItem(r -> r.tableName(table)
                            .item(ProductAttributes.of(product))
                            .conditionExpression(condition)));
            return true;
        } catch (ConditionalCheckFailedException refused) {
            return false;
        }
    }

    @Override
    public Optional<ProductItem> find(String id) {
        Map<String, AttributeValue> item = findItem(id);
        return item == null ? Optional.empty() : Optional.of(ProductAttributes.toProduct(item));
    }

    /** The stored item, as DynamoDB holds it, or null. */
    private Map<String, AttributeValue> findItem(String id) {
        Map<String, AttributeValue> item = call(
                        "read a product",
                        () -> dynamoDb.getItem(
                                r -> r.tableName(table).key(key(id)).consistentRead(true)))
                .item();
        return item == null || item.isEmpty() ? null : item;
    }

    @Override
    public ProductItem update(ProductItem changes, String ownerId, Set<Long> acceptedVersions) {
        Map<String, AttributeValue> given = ProductAttributes.of(changes);
        List<String> sets = new ArrayList<>();
        Map<String, String> names = new HashMap<>(Map.of("#version", "version", "#owner", "ownerId"));
        Map<String, AttributeValue> values =
                new HashMap<>(Map.of(":one", AttributeValue.fromN("1"), ":owner", AttributeValue.fromS(ownerId)));
        for (String attribute : CHANGEABLE) {
            AttributeValue value = given.get(attribute);
            if (value != null) {
                names.put("#" + attribute, attribute);
                values.put(":" + attribute, value);
                sets.add("#" + attribute + " = :" + attribute);
            }
        }
        // The increment happens in DynamoDB: two concurrent changes get two versions, none is lost.
        sets.add("#version = #version + :one");
        // Each change is stamped, and a stamp is never applied twice: the SDK sends a call again when an attempt's
        // answer is lost, and its first attempt may have been applied (a stalled database): without the stamp the
        // second would raise the version once more, or refuse itself as stale.
        String write = UUID.randomUUID().toString();
        names.put("#write", WRITE_STAMP);
        values.put(":write", AttributeValue.fromS(write));
        sets.add("#write = :write");
        String finalCondition = "attribute_exists(id) AND #owner = :owner"
                + atVersion("#version", acceptedVersions, values)
                + " AND (attribute_not_exists(#write) OR #write <> :write)";
        try {
            Map<String, AttributeValue> after = call(
                            "update a product",
                            () -> dynamoDb.updateItem(r -> r.tableName(table)
                                    .key(key(changes.getId()))
                                    .updateExpression("SET " + String.join(", ", sets))
                                    .conditionExpression(finalCondition)
                                    .expressionAttributeNames(names)
                                    .expressionAttributeValues(values)
                                    .returnValues(ReturnValue.ALL_NEW)))
                    .attributes();
            return ProductAttributes.toProduct(after);
        } catch (ConditionalCheckFailedException failed) {
            if (retried(failed)) {
                Map<String, AttributeValue> current = findItem(changes.getId());
                if (current != null
                        && current.get(WRITE_STAMP) != null
                        && write.equals(current.get(WRITE_STAMP).s())) {
                    return ProductAttributes.toProduct(current); // this call's first attempt: the change is made
                }
            }
            throw whyRefused(changes.getId(), ownerId, acceptedVersions);
        }
    }

    @Override
    public void delete(String id, String ownerId, Set<Long> acceptedVersions) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":owner", AttributeValue.fromS(ownerId)));
        String finalCondition =
                "attribute_exists(id) AND ownerId = :owner" + atVersion("version", acceptedVersions, values);
        try {
            call(
                    "delete a product",
                    () -> dynamoDb.deleteItem(r -> r.tableName(table)
                            .key(key(id))
                            .conditionExpression(finalCondition)
                            .expressionAttributeValues(values)));
        } catch (ConditionalCheckFailedException failed) {
            if (retried(failed) && findItem(id) == null) {
                // This call's first attempt deleted it; its answer was lost and the SDK's retry found nothing.
                return;
            }
            throw whyRefused(id, ownerId, acceptedVersions);
        }
    }

    @Override
    public boolean deleteOwnedBy(String id, String ownerId) {
        try {
            // The condition keeps a product that changed owner since it was listed; a missing one fails it too.
            call(
                    "delete an owner's product",
                    () -> dynamoDb.deleteItem(r -> r.tableName(table)
                            .key(key(id))
                            .conditionExpression("ownerId = :owner")
                            .expressionAttributeValues(Map.of(":owner", AttributeValue.fromS(ownerId)))));
            return true;
        } catch (ConditionalCheckFailedException goneOrNotTheirs) {
            return false;
        }
    }

    @Override
    public Page list(Scope scope, int limit, Map<String, String> startKey) {
        // One item more than the page tells whether another page exists, so the last page says so.
        List<Map<String, AttributeValue>> found;
        Map<String, AttributeValue> lastEvaluated;
        List<String> keyAttributes;
        switch (scope) {
            case Scope.InCategory(String category) -> {
                QueryResponse response = call(
                        "query products by category",
                        () -> newestFirst(ProductItem.BY_CATEGORY, "category", category, limit, startKey));
                found = response.items();
                lastEvaluated = response.lastEvaluatedKey();
                keyAttributes = CATEGORY_INDEX_KEY;
            }
            case Scope.OwnedBy(String ownerId) -> {
                QueryResponse response = call(
                        "query products by owner",
                        () -> newestFirst(ProductItem.BY_OWNER, "ownerId", ownerId, limit, startKey));
                found = response.items();
                lastEvaluated = response.lastEvaluatedKey();
                keyAttributes = OWNER_INDEX_KEY;
            }
            case Scope.AllProducts() -> {
                ScanResponse response = call(
                        "page through products",
                        () -> dynamoDb.scan(r -> r.tableName(table)
                                .limit(limit + 1)
                                .consistentRead(true)
                                .exclusiveStartKey(toAttributes(startKey))));
                found = response.items();
                lastEvaluated = response.lastEvaluatedKey();
                keyAttributes = TABLE_KEY;
            }
        }
        List<ProductItem> items = new ArrayList<>();
        for (int i = 0; i < Math.min(limit, found.size()); i++) {
            items.add(ProductAttributes.toProduct(found.get(i)));
        }
        Map<String, String> nextKey = null;
        if (found.size() > limit) {
            nextKey = keyOf(found.get(limit - 1), keyAttributes);
        } else if (lastEvaluated != null && !lastEvaluated.isEmpty()) {
            // DynamoDB stopped early at its 1 MB page size: carry on from where it stopped.
            nextKey = keyOf(lastEvaluated, keyAttributes);
        }
        return new Page(items, nextKey);
    }

    /** Up to limit + 1 items of one index partition, newest first by {@code createdAt}. */
    private QueryResponse newestFirst(
            String index, String partitionAttribute, String partition, int limit, Map<String, String> startKey) {
        return dynamoDb.query(r -> r.tableName(table)
                .indexName(index)
                .keyConditionExpression("#partition = :partition")
                .expressionAttributeNames(Map.of("#partition", partitionAttribute))
                .expressionAttributeValues(Map.of(":partition", AttributeValue.fromS(partition)))
                .scanIndexForward(false)
                .limit(limit + 1)
                .exclusiveStartKey(toAttributes(startKey)));
    }

    /**
     * The condition's clause on the version ({@code version} names the attribute), its values put in
     * {@code values}: empty for any version, else one of {@code accepted} (an {@code If-Match} list).
     */
    private static String atVersion(String version, Set<Long> accepted, Map<String, AttributeValue> values) {
        if (accepted == null) {
            return "";
        }
        List<String> placeholders = new ArrayList<>();
        for (Long acceptedVersion : accepted) {
            String placeholder = ":expected" + placeholders.size();
            values.put(placeholder, AttributeValue.fromN(Long.toString(acceptedVersion)));
            placeholders.add(placeholder);
        }
        return placeholders.size() == 1
                ? " AND " + version + " = " + placeholders.getFirst()
                : " AND " + version + " IN (" + String.join(", ", placeholders) + ")";
    }

    /** After a failed condition: the reason, read from the product as it is now. */
    private RuntimeException whyRefused(String id, String ownerId, Set<Long> acceptedVersions) {
        Optional<ProductItem> current = find(id);
        if (current.isEmpty()) {
            return new NotFoundException("Product not found");
        }
        if (!current.get().getOwnerId().equals(ownerId)) {
            return new ForbiddenException("Only the product's owner may change it");
        }
        if (acceptedVersions != null && !acceptedVersions.contains(current.get().getVersion())) {
            return new PreconditionFailedException("The product is at version "
                    + current.get().getVersion() + ", which If-Match does not name; nothing changed");
        }
        return new ConcurrentChangeException("The product changed during the request; try again");
    }

    private static Map<String, AttributeValue> key(String id) {
        return Map.of("id", AttributeValue.fromS(id));
    }

    private static Map<String, String> keyOf(Map<String, AttributeValue> item, List<String> attributes) {
        Map<String, String> key = new LinkedHashMap<>();
        for (String attribute : attributes) {
            key.put(attribute, item.get(attribute).s());
        }
        return key;
    }

    private static Map<String, AttributeValue> toAttributes(Map<String, String> key) {
        if (key == null) {
            return null;
        }
        Map<String, AttributeValue> attributes = new HashMap<>();
        key.forEach((name, value) -> attributes.put(name, AttributeValue.fromS(value)));
        return attributes;
    }
}
