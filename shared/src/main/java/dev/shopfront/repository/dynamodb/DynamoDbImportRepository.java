package dev.shopfront.repository.dynamodb;

import static dev.shopfront.repository.dynamodb.DynamoDbCalls.call;

import dev.shopfront.model.ImportItem;
import dev.shopfront.repository.ImportRepository;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Imports in a DynamoDB table keyed by {@code id}. Settling is one conditional {@code UpdateItem}
 * that adds the indexes to the {@code settled} number set and the counts together, on the
 * condition that none of the indexes is in the set yet (docs/bulk-import.md).
 *
 * <p>Each error is stored as a map with one-letter keys ({@code i}, {@code f}, {@code m}): a
 * 1,000-item import whose every item fails every field must still fit DynamoDB's 400 KB item.
 */
public final class DynamoDbImportRepository implements ImportRepository {
    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoDbImportRepository(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    @Override
    public boolean insertIfAbsent(ImportItem importItem) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("id", AttributeValue.fromS(importItem.id()));
        item.put("ownerId", AttributeValue.fromS(importItem.ownerId()));
        item.put("total", number(importItem.total()));
        item.put("created", number(importItem.created()));
        item.put("failed", number(importItem.failed()));
        // A DynamoDB set cannot be empty: an import with nothing settled yet has no attribute.
        if (!importItem.settled().isEmpty()) {
            item.put("settled", numberSet(importItem.settled()));
        }
        item.put("errors", errors(importItem.errors()));
        item.put("createdAt", AttributeValue.fromS(importItem.createdAt()));
        item.put("updatedAt", AttributeValue.fromS(importItem.updatedAt()));
        try {
            call(
                    "insert an import",
                    () -> dynamoDb.putItem(
                            r -> r.tableName(table).item(item).conditionExpression("attribute_not_exists(id)")));
            return true;
        } catch (ConditionalCheckFailedException idInUse) {
            return false;
        }
    }

    @Override
    public Optional<ImportItem> find(String id) {
        Map<String, AttributeValue> item = call(
                        "read an import",
                        () -> dynamoDb.getItem(r -> r.tableName(table)
                                .key(Map.of("id", AttributeValue.fromS(id)))
                                .consistentRead(true)))
                .item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toImport(item));
    }

    @Override
    public boolean settle(String id, List<ImportItem.Outcome> outcomes, String updatedAt) {
        if (outcomes.isEmpty() || outcomes.size() > MAX_SETTLED_PER_WRITE) {
            throw new IllegalArgumentException(
                    "Settle 1 to " + MAX_SETTLED_PER_WRITE + " outcomes at a time, not " + outcomes.size());
        }
        Map<String, String> names = new HashMap<>(
                Map.of("#settled", "settled", "#created", "created", "#failed", "failed", "#updatedAt", "updatedAt"));
        Map<String, AttributeValue> values = new HashMap<>();
        Set<Integer> indexes = new HashSet<>();
        int created = 0;
        List<ImportItem.Error> errors = new ArrayList<>();
        StringBuilder condition = new StringBuilder("attribute_exists(id)");
        for (ImportItem.Outcome outcome : outcomes) {
            if (!indexes.add(outcome.index())) {
                throw new IllegalArgumentException("Index " + outcome.index() + " given twice");
            }
            String placeholder = ":i" + indexes.size();
            values.put(placeholder, number(outcome.index()));
            // The guard against counting an item twice: no index of this write may be settled already.
            condition.append(" AND NOT contains(#settled, ").append(placeholder).append(')');
            if (outcome.created()) {
                created++;
            }
            errors.addAll(outcome.errors());
        }
        values.put(":indexes", numberSet(indexes));
        values.put(":created", number(created));
        values.put(":failed", number(outcomes.size() - created));
        values.put(":now", AttributeValue.fromS(updatedAt));
        String update = "ADD #settled :indexes, #created :created, #failed :failed SET #updatedAt = :now";
        if (!errors.isEmpty()) {
            names.put("#errors", "errors");
            values.put(":errors", errors(errors));
            values.put(":none", AttributeValue.fromL(List.of()));
            update += ", #errors = list_append(if_not_exists(#errors, :none), :errors)";
        }
        String expression = update;
        try {
            call(
                    "settle import items",
                    () -> dynamoDb.updateItem(r -> r.tableName(table)
                            .key(Map.of("id", AttributeValue.fromS(id)))
                            .updateExpression(expression)
                            .conditionExpression(condition.toString())
                            .expressionAttributeNames(names)
                            .expressionAttributeValues(values)));
            return true;
        } catch (ConditionalCheckFailedException alreadySettledOrGone) {
            return false;
        }
    }

    private static ImportItem toImport(Map<String, AttributeValue> item) {
        Set<Integer> settled = new HashSet<>();
        AttributeValue settledSet = item.get("settled");
        if (settledSet != null) {
            settledSet.ns().forEach(n -> settled.add(Integer.parseInt(n)));
        }
        List<ImportItem.Error> errors = new ArrayList<>();
        AttributeValue errorList = item.get("errors");
        if (errorList != null) {
            for (AttributeValue error : errorList.l()) {
                Map<String, AttributeValue> fields = error.m();
                AttributeValue field = fields.get("f");
                errors.add(new ImportItem.Error(
                        Integer.parseInt(fields.get("i").n()),
                        field == null || Boolean.TRUE.equals(field.nul()) ? null : field.s(),
                        fields.get("m").s()));
            }
        }
        return new ImportItem(
                item.get("id").s(),
                item.get("ownerId").s(),
                Integer.parseInt(item.get("total").n()),
                Integer.parseInt(item.get("created").n()),
                Integer.parseInt(item.get("failed").n()),
                settled,
                errors,
                item.get("createdAt").s(),
                item.get("updatedAt").s());
    }

    private static AttributeValue errors(List<ImportItem.Error> errors) {
        List<AttributeValue> list = new ArrayList<>(errors.size());
        for (ImportItem.Error error : errors) {
            Map<String, AttributeValue> entry = new HashMap<>();
            entry.put("i", number(error.index()));
            if (error.field() != null) {
                entry.put("f", AttributeValue.fromS(error.field()));
            }
            entry.put("m", AttributeValue.fromS(error.message()));
            list.add(AttributeValue.fromM(entry));
        }
        return AttributeValue.fromL(list);
    }

    private static AttributeValue number(int value) {
        return AttributeValue.fromN(Integer.toString(value));
    }

    private static AttributeValue numberSet(Set<Integer> values) {
        return AttributeValue.fromNs(
                values.stream().sorted().map(i -> Integer.toString(i)).toList());
    }
}
