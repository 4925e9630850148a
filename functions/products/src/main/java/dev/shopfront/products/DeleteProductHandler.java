package dev.shopfront.products;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.shopfront.config.Wiring;
import dev.shopfront.http.ApiResponse;
import dev.shopfront.http.HttpApi;
import dev.shopfront.http.Priming;
import dev.shopfront.service.ProductService;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** {@code DELETE /products/{id}}: the owner removes a product; If-Match makes it conditional (412 when stale). */
public final class DeleteProductHandler implements RequestStreamHandler {
    private final ProductService products;

    /** As Lambda builds it: primed before a SnapStart snapshot (docs/snapstart.md). */
    public DeleteProductHandler() {
        this(Wiring.products());
        Priming.register(this, null, "delete-product");
    }

    DeleteProductHandler(ProductService products) {
        this.products = products;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        HttpApi.handle(input, output, context, request -> {
            products.delete(request.callerId(), request.pathId("id"), request.ifMatchVersions());
            return ApiResponse.noContent();
        });
    }
}
