package dev.shopfront.products;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.shopfront.config.Wiring;
import dev.shopfront.http.ApiResponse;
import dev.shopfront.http.HttpApi;
import dev.shopfront.http.Priming;
import dev.shopfront.schema.ProductPage;
import dev.shopfront.service.ProductListing;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** {@code GET /products?category=&ownerId=&limit=&cursor=}: public; one page and the cursor of the next. */
public final class ListProductsHandler implements RequestStreamHandler {
    private final ProductListing listing;

    /** As Lambda builds it: primed before a SnapStart snapshot (docs/snapstart.md). */
    public ListProductsHandler() {
        this.listing = Wiring.productListing();
        Priming.register(
                this, new ProductPage(java.util.List.of(PrimingSamples.PRODUCT), "priming-cursor"), "list-products");
    }

    /** Public for the users module's tests, which check that a deleted user's products leave every list. */
    public ListProductsHandler(ProductListing listing) {
        this.listing = listing;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        HttpApi.handle(
                input,
                output,
                context,
                request -> ApiResponse.ok(listing.list(
                        request.query("category"),
                        request.query("ownerId"),
                        request.query("limit"),
                        request.query("cursor"))));
    }
}
