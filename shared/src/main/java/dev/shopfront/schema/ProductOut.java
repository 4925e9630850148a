package dev.shopfront.schema;

import java.math.BigDecimal;

/** A product as the API returns it; responses with one product also carry {@code ETag: "<version>"}. */
public record ProductOut(
        String id,
        String ownerId,
        String name,
        String description,
        BigDecimal price,
        String currency,
        long stock,
        String category,
        String createdAt,
        String updatedAt,
        long version) {}
