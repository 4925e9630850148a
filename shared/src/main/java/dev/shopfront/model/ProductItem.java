package dev.shopfront.model;

import java.math.BigDecimal;

/**
 * A product as stored in the products table. {@code price} is a DynamoDB number written from and read
 * into a {@link BigDecimal}, never a {@code double}. Every product is in the owner index and, with a
 * category, in the category index, each newest first by {@code createdAt}. Its DynamoDB attributes are
 * written and read by {@code repository.dynamodb.ProductAttributes}.
 */
public final class ProductItem {
    /** The category index's name in template.yaml. */
    public static final String BY_CATEGORY = "ByCategory";
    /** The owner index's name in template.yaml: every product is in it, newest first by {@code createdAt}. */
    public static final String BY_OWNER = "ByOwner";

    private String id;
    private String ownerId;
    private String name;
    private String description;
    private BigDecimal price;
    private String currency;
    private Long stock;
    private String category;
    private String createdAt;
    private String updatedAt;
    private Long version;

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getOwnerId() {
        return ownerId;
    }

    public void setOwnerId(String ownerId) {
        this.ownerId = ownerId;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public BigDecimal getPrice() {
        return price;
    }

    public void setPrice(BigDecimal price) {
        this.price = price;
    }

    public String getCurrency() {
        return currency;
    }

    public void setCurrency(String currency) {
        this.currency = currency;
    }

    public Long getStock() {
        return stock;
    }

    public void setStock(Long stock) {
        this.stock = stock;
    }

    public String getCategory() {
        return category;
    }

    public void setCategory(String category) {
        this.category = category;
    }

    public String getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(String createdAt) {
        this.createdAt = createdAt;
    }

    public String getUpdatedAt() {
        return updatedAt;
    }

    public void setUpdatedAt(String updatedAt) {
        this.updatedAt = updatedAt;
    }

    public Long getVersion() {
        return version;
    }

    public void setVersion(Long version) {
        this.version = version;
    }

    @Override
    public String toString() {
        return "ProductItem[id=" + id + ", version=" + version + "]";
    }
}
