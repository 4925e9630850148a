package dev.shopfront.products;

import dev.shopfront.devkit.junit.TestDynamoDb;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The products table as stored, read through the low-level client: what the API wrote, not what it answers. */
final class StoredProducts {
    private final DynamoDbClient client;
    private final String table;

    StoredProducts(TestDynamoDb db) {
        this.client = db.client();
        this.table = db.table("ProductsTable");
    }

    String table() {
        return table;
    }

    /** One product's stored attributes, read strongly consistently. */
    Optional<Map<String, AttributeValue>> item(String id) {
        Map<String, AttributeValue> item = client.getItem(r -> r.tableName(table)
                        .key(Map.of("id", AttributeValue.fromS(id)))
                        .consistentRead(true))
                .item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    /** The ids of every stored product. */
    List<String> ids() {
        return client.scanPaginator(r -> r.tableName(table).consistentRead(true)).items().stream()
                .map(item -> item.get("id").s())
                .toList();
    }

    int count() {
        return ids().size();
    }

    /** The ids of every stored product of {@code ownerId}. */
    List<String> idsOwnedBy(String ownerId) {
        return client.scanPaginator(r -> r.tableName(table).consistentRead(true)).items().stream()
                .filter(item -> ownerId.equals(item.get("ownerId").s()))
                .map(item -> item.get("id").s())
                .toList();
    }
}
