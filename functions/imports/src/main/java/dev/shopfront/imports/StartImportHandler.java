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
import dev.shopfront.service.Idempotency;
import dev.shopfront.service.ImportService;

/**
 * {@code POST /products/imports}: records a bulk import and queues its valid items; 202 with Location.
 * Idempotent with an {@code Idempotency-Key} header.
 */
public final class StartImportHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final ImportService imports;
    private final Idempotency idempotency;

    public StartImportHandler() {
        this(Wiring.imports(), Wiring.idempotency());
    }

    StartImportHandler(ImportService imports, Idempotency idempotency) {
        this.imports = imports;
        this.idempotency = idempotency;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return HttpApi.handleIdempotent(event, context, idempotency, request -> {
            String callerId = request.callerId();
            ImportRequest body = request.body(ImportRequest.class, ImportRequest.MAX_BODY_BYTES);
            ImportOut started = imports.start(callerId, body.items(), request.newResourceId());
            return ApiResponse.accepted("/products/imports/" + started.id(), started);
        });
    }
}
