package dev.shopfront.imports;

import dev.shopfront.devkit.junit.TestDynamoDb;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The imports and products tables as stored, read through the low-level client: what was written, not what the API answers. */
final class StoredImports {
    private final DynamoDbClient client;
    private final String imports;
    private final String products;

    StoredImports(TestDynamoDb db) {
        this.client = db.client();
        this.imports = db.table("ImportsTable");
        this.products = db.table("ProductsTable");
    }

    String importsTable() {
        return imports;
    }

    String productsTable() {
        return products;
    }

    Optional<Map<String, AttributeValue>> importRecord(String id) {
        return item(imports, id);
    }

    Optional<Map<String, AttributeValue>> product(String id) {
        return item(products, id);
    }

    /** Every import record of this owner. */
    List<Map<String, AttributeValue>> importsOf(String ownerId) {
        return ownedBy(imports, ownerId);
    }

    /** Every stored product of this owner. */
    List<Map<String, AttributeValue>> productsOf(String ownerId) {
        return ownedBy(products, ownerId);
    }

    static int number(Map<String, AttributeValue> item, String attribute) {
        return Integer.parseInt(item.get(attribute).n());
    }

    private Optional<Map<String, AttributeValue>> item(String table, String id) {
        Map<String, AttributeValue> item = client.getItem(r -> r.tableName(table)
                        .key(Map.of("id", AttributeValue.fromS(id)))
                        .consistentRead(true))
                .item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    private List<Map<String, AttributeValue>> ownedBy(String table, String ownerId) {
        return client
                .scanPaginator(r -> r.tableName(table)
                        .consistentRead(true)
                        .filterExpression("ownerId = :owner")
                        .expressionAttributeValues(Map.of(":owner", AttributeValue.fromS(ownerId))))
                .items()
                .stream()
                .toList();
    }
}
