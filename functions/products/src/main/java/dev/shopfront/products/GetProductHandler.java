package dev.shopfront.products;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.shopfront.config.Wiring;
import dev.shopfront.http.ApiResponse;
import dev.shopfront.http.HttpApi;
import dev.shopfront.http.Priming;
import dev.shopfront.schema.ProductOut;
import dev.shopfront.service.ProductLookup;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** {@code GET /products/{id}}: public; 200 with ETag, 404 when there is none. */
public final class GetProductHandler implements RequestStreamHandler {
    private final ProductLookup products;

    /** As Lambda builds it: primed before a SnapStart snapshot (docs/snapstart.md). */
    public GetProductHandler() {
        this.products = Wiring.productLookup();
        Priming.register(this, PrimingSamples.PRODUCT, "get-product");
    }

    /** Public for the users module's tests, which check that a deleted user's products answer 404 here. */
    public GetProductHandler(ProductLookup products) {
        this.products = products;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        HttpApi.handle(input, output, context, request -> {
            ProductOut product = products.get(request.pathId("id"));
            return ApiResponse.ok(product).withETag(product.version());
        });
    }
}
