package dev.shopfront.products;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.shopfront.config.Wiring;
import dev.shopfront.http.ApiResponse;
import dev.shopfront.http.HttpApi;
import dev.shopfront.schema.ProductOut;
import dev.shopfront.service.ProductService;

/** {@code GET /products/{id}}: public; 200 with ETag, 404 when there is none. */
public final class GetProductHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final ProductService products;

    public GetProductHandler() {
        this(Wiring.products());
    }

    /** Public for the users module's tests, which check that a deleted user's products answer 404 here. */
    public GetProductHandler(ProductService products) {
        this.products = products;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return HttpApi.handle(event, context, request -> {
            ProductOut product = products.get(request.pathId("id"));
            return ApiResponse.ok(product).withETag(product.version());
        });
    }
}
