package dev.shopfront.products;

import dev.shopfront.schema.ProductCreate;
import dev.shopfront.schema.ProductOut;
import java.math.BigDecimal;

/** A made-up product in the shape the routes answer with, written once before a SnapStart snapshot (docs/snapstart.md). */
final class PrimingSamples {
    static final ProductOut PRODUCT = new ProductOut(
            "00000000-0000-0000-0000-000000000000",
            "00000000-0000-0000-0000-000000000000",
            "Trail shoe",
            "Priming sample",
            new BigDecimal("19.99"),
            "EUR",
            12,
            "shoes",
            "2026-01-01T00:00:00.000Z",
            "2026-01-01T00:00:00.000Z",
            1L);
    /** A valid create body, rehearsed as a write DynamoDB refuses. */
    static final ProductCreate CREATE =
            new ProductCreate("Trail shoe", new BigDecimal("19.99"), "EUR", "Priming sample", 12L, "shoes");

    private PrimingSamples() {}
}
