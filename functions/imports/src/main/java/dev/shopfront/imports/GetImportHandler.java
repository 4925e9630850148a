package dev.shopfront.imports;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.shopfront.config.Wiring;
import dev.shopfront.http.ApiResponse;
import dev.shopfront.http.HttpApi;
import dev.shopfront.service.ImportProgress;

/** {@code GET /products/imports/{id}}: the import's counts and errors, for its owner only. */
public final class GetImportHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final ImportProgress progress;

    public GetImportHandler() {
        this(Wiring.importProgress());
    }

    GetImportHandler(ImportProgress progress) {
        this.progress = progress;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return HttpApi.handle(event, context, request -> ApiResponse.ok(progress.get(request.callerId(), request.pathId("id"))));
    }
}
