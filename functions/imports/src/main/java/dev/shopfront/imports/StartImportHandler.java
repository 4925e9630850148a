package dev.shopfront.imports;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.shopfront.config.Wiring;
import dev.shopfront.http.ApiResponse;
import dev.shopfront.http.HttpApi;
import dev.shopfront.schema.ImportOut;
import dev.shopfront.schema.ImportRequest;
import dev.shopfront.service.ImportService;

/** {@code POST /products/imports}: records a bulk import and queues its valid items; 202 with Location. */
public final class StartImportHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final ImportService imports;

    public StartImportHandler() {
        this(Wiring.imports());
    }

    StartImportHandler(ImportService imports) {
        this.imports = imports;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return HttpApi.handle(event, context, request -> {
            String callerId = request.callerId();
            ImportRequest body = request.body(ImportRequest.class, ImportRequest.MAX_BODY_BYTES);
            ImportOut started = imports.start(callerId, body.items());
            return ApiResponse.accepted("/products/imports/" + started.id(), started);
        });
    }
}
