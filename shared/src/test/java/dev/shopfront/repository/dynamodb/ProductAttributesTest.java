package dev.shopfront.repository.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.shopfront.model.ProductItem;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class ProductAttributesTest {
    /** The enhanced client's schema the products table was written with before ProductAttributes: stored items must read the same. */
    private static final TableSchema<ProductItem> ENHANCED = StaticTableSchema.builder(ProductItem.class)
            .newItemSupplier(ProductItem::new)
            .addAttribute(
                    String.class, a -> a.name("id").getter(ProductItem::getId).setter(ProductItem::setId))
            .addAttribute(
                    String.class,
                    a -> a.name("ownerId").getter(ProductItem::getOwnerId).setter(ProductItem::setOwnerId))
            .addAttribute(
                    String.class,
                    a -> a.name("name").getter(ProductItem::getName).setter(ProductItem::setName))
            .addAttribute(
                    String.class,
                    a -> a.name("description")
                            .getter(ProductItem::getDescription)
                            .setter(ProductItem::setDescription))
            .addAttribute(
                    BigDecimal.class,
                    a -> a.name("price").getter(ProductItem::getPrice).setter(ProductItem::setPrice))
            .addAttribute(
                    String.class,
                    a -> a.name("currency").getter(ProductItem::getCurrency).setter(ProductItem::setCurrency))
            .addAttribute(
                    Long.class,
                    a -> a.name("stock").getter(ProductItem::getStock).setter(ProductItem::setStock))
            .addAttribute(
                    String.class,
                    a -> a.name("category").getter(ProductItem::getCategory).setter(ProductItem::setCategory))
            .addAttribute(
                    String.class,
                    a -> a.name("createdAt").getter(ProductItem::getCreatedAt).setter(ProductItem::setCreatedAt))
            .addAttribute(
                    String.class,
                    a -> a.name("updatedAt").getter(ProductItem::getUpdatedAt).setter(ProductItem::setUpdatedAt))
            .addAttribute(
                    Long.class,
                    a -> a.name("version").getter(ProductItem::getVersion).setter(ProductItem::setVersion))
            .build();

    @Test
    void of_writesEveryAttributeAsTheEnhancedClientDid() {
        ProductItem product = fullProduct();

        assertEquals(ENHANCED.itemToMap(product, true), ProductAttributes.of(product));
    }

    @Test
    void of_leavesOutAbsentValues_asTheEnhancedClientDid() {
        ProductItem changes = new ProductItem();
        changes.setId("p-1");
        changes.setPrice(new BigDecimal("0.50"));

        Map<String, AttributeValue> written = ProductAttributes.of(changes);

        assertEquals(ENHANCED.itemToMap(changes, true), written);
        assertEquals(Map.of("id", AttributeValue.fromS("p-1"), "price", AttributeValue.fromN("0.50")), written);
    }

    @Test
    void toProduct_readsWhatTheEnhancedClientWrote() {
        ProductItem read = ProductAttributes.toProduct(ENHANCED.itemToMap(fullProduct(), true));

        assertEquals(ENHANCED.itemToMap(fullProduct(), true), ENHANCED.itemToMap(read, true));
        assertEquals(new BigDecimal("1999999999.99"), read.getPrice());
        assertEquals(Long.MAX_VALUE, read.getStock());
    }

    @Test
    void toProduct_leavesMissingAttributesNull_andIgnoresUnknownOnes() {
        ProductItem read = ProductAttributes.toProduct(
                Map.of("id", AttributeValue.fromS("p-1"), "legacy", AttributeValue.fromBool(true)));

        assertEquals("p-1", read.getId());
        assertNull(read.getPrice());
        assertNull(read.getStock());
        assertNull(read.getVersion());
        assertNull(read.getCategory());
    }

    private static ProductItem fullProduct() {
        ProductItem product = new ProductItem();
        product.setId("7d1c0d2e-3f4a-4b5c-8d6e-7f8091a2b3c4");
        product.setOwnerId("0b1c2d3e-4f5a-4b6c-9d7e-8f9012a3b4c5");
        product.setName("Trail shoe \u00e9\uD83D\uDE00");
        product.setDescription("Light");
        product.setPrice(new BigDecimal("1999999999.99"));
        product.setCurrency("EUR");
        product.setStock(Long.MAX_VALUE);
        product.setCategory("shoes");
        product.setCreatedAt("2026-01-01T00:00:00.000Z");
        product.setUpdatedAt("2026-01-02T00:00:00.000Z");
        product.setVersion(3L);
        return product;
    }
}
