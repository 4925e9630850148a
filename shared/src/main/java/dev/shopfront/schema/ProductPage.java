package dev.shopfront.schema;

import java.util.List;

/** One page of a product list; {@code nextCursor} is null on the last page. */
public record ProductPage(List<ProductOut> items, String nextCursor) {}
