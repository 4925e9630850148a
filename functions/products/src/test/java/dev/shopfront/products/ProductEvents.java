package dev.shopfront.products;

import dev.shopfront.devkit.testing.HttpApiEvent;

/** The /products routes' events, the samples of the repository's {@code events/}; see {@link HttpApiEvent} for adjusting them. */
final class ProductEvents {
    private ProductEvents() {}

    static HttpApiEvent createProduct(String callerId) {
        return HttpApiEvent.load("create-product.json").asCaller(callerId);
    }

    /** A public route: no authorizer context. */
    static HttpApiEvent getProduct(String id) {
        return HttpApiEvent.load("get-product.json").pathId(id);
    }

    /** A public route without query parameters; add them with {@link HttpApiEvent#query}. */
    static HttpApiEvent listProducts() {
        HttpApiEvent event = HttpApiEvent.load("list-products.json");
        event.json().remove("queryStringParameters");
        event.json().put("rawQueryString", "");
        return event;
    }

    /** Unconditional: the sample's {@code If-Match} is left out; a test that wants one sets its own. */
    static HttpApiEvent updateProduct(String id, String callerId) {
        return HttpApiEvent.load("update-product.json")
                .pathId(id)
                .asCaller(callerId)
                .header("If-Match", null);
    }

    /** Unconditional: the sample's {@code If-Match} is left out; a test that wants one sets its own. */
    static HttpApiEvent deleteProduct(String id, String callerId) {
        return HttpApiEvent.load("delete-product.json")
                .pathId(id)
                .asCaller(callerId)
                .header("If-Match", null);
    }
}
