package dev.shopfront.products;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.shopfront.config.Wiring;
import dev.shopfront.http.ApiResponse;
import dev.shopfront.http.HttpApi;
import dev.shopfront.schema.ProductOut;
import dev.shopfront.schema.ProductUpdate;
import dev.shopfront.service.ProductService;

/** {@code PATCH /products/{id}}: the owner changes the given fields; If-Match makes it conditional (412 when stale). */
public final class UpdateProductHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final ProductService products;

    public UpdateProductHandler() {
        this(Wiring.products());
    }

    UpdateProductHandler(ProductService products) {
        this.products = products;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return HttpApi.handle(event, context, request -> {
            ProductOut product = products.update(request.callerId(), request.pathId("id"),
                    request.body(ProductUpdate.class), request.ifMatchVersion());
            return ApiResponse.ok(product).withETag(product.version());
        });
    }
}
