package dev.shopfront.products;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.shopfront.config.Wiring;
import dev.shopfront.http.ApiResponse;
import dev.shopfront.http.HttpApi;
import dev.shopfront.http.Priming;
import dev.shopfront.schema.ProductOut;
import dev.shopfront.schema.ProductUpdate;
import dev.shopfront.service.ProductService;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** {@code PATCH /products/{id}}: the owner changes the given fields; If-Match makes it conditional (412 when stale). */
public final class UpdateProductHandler implements RequestStreamHandler {
    private final ProductService products;

    /** As Lambda builds it: primed before a SnapStart snapshot (docs/snapstart.md). */
    public UpdateProductHandler() {
        this(Wiring.products());
        Priming.register(this, PrimingSamples.PRODUCT, "update-product");
    }

    UpdateProductHandler(ProductService products) {
        this.products = products;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        HttpApi.handle(input, output, context, request -> {
            ProductOut product = products.update(
                    request.callerId(),
                    request.pathId("id"),
                    request.body(ProductUpdate.class),
                    request.ifMatchVersions());
            return ApiResponse.ok(product).withETag(product.version());
        });
    }
}
