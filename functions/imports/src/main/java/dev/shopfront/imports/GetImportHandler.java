package dev.shopfront.imports;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.shopfront.config.Wiring;
import dev.shopfront.http.ApiResponse;
import dev.shopfront.http.HttpApi;
import dev.shopfront.http.Priming;
import dev.shopfront.service.ImportProgress;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** {@code GET /products/imports/{id}}: the import's counts and errors, for its owner only. */
public final class GetImportHandler implements RequestStreamHandler {
    private final ImportProgress progress;

    /** As Lambda builds it: primed before a SnapStart snapshot (docs/snapstart.md). */
    public GetImportHandler() {
        this(Wiring.importProgress());
        Priming.register(this, PrimingSamples.IMPORT, "get-import");
    }

    GetImportHandler(ImportProgress progress) {
        this.progress = progress;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        HttpApi.handle(
                input,
                output,
                context,
                request -> ApiResponse.ok(progress.get(request.callerId(), request.pathId("id"))));
    }
}
