package dev.shopfront.products;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.shopfront.config.Wiring;
import dev.shopfront.http.ApiResponse;
import dev.shopfront.http.HttpApi;
import dev.shopfront.http.Priming;
import dev.shopfront.schema.ProductCreate;
import dev.shopfront.schema.ProductOut;
import dev.shopfront.service.Idempotency;
import dev.shopfront.service.ProductService;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * {@code POST /products}: a new product owned by the caller; 201 with Location and ETag. Idempotent
 * with an {@code Idempotency-Key} header.
 */
public final class CreateProductHandler implements RequestStreamHandler {
    private final ProductService products;
    private final Idempotency idempotency;

    /** As Lambda builds it: primed before a SnapStart snapshot, by a request that stops before any write (docs/snapstart.md). */
    public CreateProductHandler() {
        this.products = Wiring.products();
        this.idempotency = Wiring.idempotency();
        Priming.register(this, PrimingSamples.PRODUCT, "create-product");
        // The priming request stops at the caller check; the write after it is rehearsed on its own.
        Priming.register("CreateProduct write", () -> products.rehearseCreate(PrimingSamples.CREATE));
    }

    CreateProductHandler(ProductService products, Idempotency idempotency) {
        this.products = products;
        this.idempotency = idempotency;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        HttpApi.handleIdempotent(
                input,
                output,
                context,
                idempotency,
                request -> products.requireExistingUser(request.callerId()),
                request -> {
                    ProductOut product = products.create(
                            request.callerId(), request.body(ProductCreate.class), request.newResourceId());
                    return ApiResponse.created("/products/" + product.id(), product)
                            .withETag(product.version())
                            .counting("ProductsCreated");
                });
    }
}
