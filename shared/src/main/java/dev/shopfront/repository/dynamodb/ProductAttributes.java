package dev.shopfront.repository.dynamodb;

import dev.shopfront.model.ProductItem;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A {@link ProductItem} to and from its DynamoDB attributes, written out by hand rather than with the
 * enhanced client's {@code StaticTableSchema}: that schema loads about 170 classes of converters for
 * 11 attributes on every products function's first request, and most products functions otherwise never
 * load the enhanced client (measured in BENCHMARKS.md, decision in docs/decisions.md). Absent values are
 * left out, as the enhanced client's {@code itemToMap(item, true)} leaves them out; numbers are written
 * as the enhanced client writes them ({@code toString()}).
 */
final class ProductAttributes {
    private ProductAttributes() {}

    /** The attributes of {@code product}, without those it has no value for. */
    static Map<String, AttributeValue> of(ProductItem product) {
        Map<String, AttributeValue> item = new HashMap<>();
        putS(item, "id", product.getId());
        putS(item, "ownerId", product.getOwnerId());
        putS(item, "name", product.getName());
        putS(item, "description", product.getDescription());
        if (product.getPrice() != null) {
            item.put("price", AttributeValue.fromN(product.getPrice().toString()));
        }
        putS(item, "currency", product.getCurrency());
        if (product.getStock() != null) {
            item.put("stock", AttributeValue.fromN(product.getStock().toString()));
        }
        putS(item, "category", product.getCategory());
        putS(item, "createdAt", product.getCreatedAt());
        putS(item, "updatedAt", product.getUpdatedAt());
        if (product.getVersion() != null) {
            item.put("version", AttributeValue.fromN(product.getVersion().toString()));
        }
        return item;
    }

    /** The product stored as {@code item}; attributes it does not know are ignored. */
    static ProductItem toProduct(Map<String, AttributeValue> item) {
        ProductItem product = new ProductItem();
        product.setId(s(item, "id"));
        product.setOwnerId(s(item, "ownerId"));
        product.setName(s(item, "name"));
        product.setDescription(s(item, "description"));
        String price = n(item, "price");
        product.setPrice(price == null ? null : new BigDecimal(price));
        product.setCurrency(s(item, "currency"));
        String stock = n(item, "stock");
        product.setStock(stock == null ? null : Long.valueOf(stock));
        product.setCategory(s(item, "category"));
        product.setCreatedAt(s(item, "createdAt"));
        product.setUpdatedAt(s(item, "updatedAt"));
        String version = n(item, "version");
        product.setVersion(version == null ? null : Long.valueOf(version));
        return product;
    }

    private static void putS(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) {
            item.put(name, AttributeValue.fromS(value));
        }
    }

    private static String s(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    private static String n(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.n();
    }
}
