package dev.shopfront.service;

import dev.shopfront.error.NotFoundException;
import dev.shopfront.repository.ProductRepository;
import dev.shopfront.schema.ProductOut;

/**
 * Reads one product by id: all that {@code GET /products/{id}} needs, so its function builds neither
 * the users repository nor the enhanced client (issue 9: each function builds only what it uses).
 */
public final class ProductLookup {
    private final ProductRepository products;

    public ProductLookup(ProductRepository products) {
        this.products = products;
    }

    /** @throws NotFoundException when there is no such product */
    public ProductOut get(String id) {
        return ProductService.toOut(products.find(id).orElseThrow(() -> new NotFoundException("Product not found")));
    }
}
