package dev.shopfront.users;

import dev.shopfront.config.Environment;
import dev.shopfront.config.Wiring;
import dev.shopfront.devkit.junit.TestDynamoDb;
import dev.shopfront.schema.ProductCreate;
import dev.shopfront.service.ProductService;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Products for the clean-up's tests: created through the product service, read back from the table as stored. */
final class OwnedProducts {
    private static final String[] CATEGORIES = {"garden", "kitchen", null};

    private final ProductService products;
    private final DynamoDbClient client;
    private final String table;

    OwnedProducts(TestDynamoDb db) {
        this.products = Wiring.productService(Environment.of(db.environment()), db.client(), Clock.systemUTC());
        this.client = db.client();
        this.table = db.table("ProductsTable");
    }

    String table() {
        return table;
    }

    /** Creates {@code count} products of {@code ownerId}, in three categories and none; returns their ids. */
    List<String> create(String ownerId, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(products.create(
                            ownerId,
                            new ProductCreate(
                                    "Product " + i,
                                    new BigDecimal("9.99"),
                                    "EUR",
                                    null,
                                    1L,
                                    CATEGORIES[i % CATEGORIES.length]))
                    .id());
        }
        return ids;
    }

    /** The ids of the stored products of {@code ownerId}, read from the table itself (a consistent scan). */
    List<String> of(String ownerId) {
        return client
                .scanPaginator(r -> r.tableName(table)
                        .consistentRead(true)
                        .filterExpression("ownerId = :owner")
                        .expressionAttributeValues(java.util.Map.of(":owner", AttributeValue.fromS(ownerId))))
                .items()
                .stream()
                .map(item -> item.get("id").s())
                .toList();
    }
}
