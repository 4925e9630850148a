package dev.shopfront.products;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.shopfront.config.Wiring;
import dev.shopfront.http.ApiResponse;
import dev.shopfront.http.HttpApi;
import dev.shopfront.service.ProductListing;

/** {@code GET /products?category=&ownerId=&limit=&cursor=}: public; one page and the cursor of the next. */
public final class ListProductsHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final ProductListing listing;

    public ListProductsHandler() {
        this(Wiring.productListing());
    }

    /** Public for the users module's tests, which check that a deleted user's products leave every list. */
    public ListProductsHandler(ProductListing listing) {
        this.listing = listing;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return HttpApi.handle(event, context, request -> ApiResponse.ok(
                listing.list(request.query("category"), request.query("ownerId"), request.query("limit"), request.query("cursor"))));
    }
}
