package dev.shopfront.imports;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.shopfront.config.Wiring;
import dev.shopfront.http.ApiResponse;
import dev.shopfront.http.HttpApi;
import dev.shopfront.http.Priming;
import dev.shopfront.schema.ImportOut;
import dev.shopfront.schema.ImportRequest;
import dev.shopfront.service.Idempotency;
import dev.shopfront.service.ImportService;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * {@code POST /products/imports}: records a bulk import and queues its valid items; 202 with Location.
 * Idempotent with an {@code Idempotency-Key} header.
 */
public final class StartImportHandler implements RequestStreamHandler {
    private final ImportService imports;
    private final Idempotency idempotency;

    /** As Lambda builds it: primed before a SnapStart snapshot (docs/snapstart.md). */
    public StartImportHandler() {
        this(Wiring.imports(), Wiring.idempotency());
        Priming.register(this, PrimingSamples.IMPORT, "start-import");
    }

    StartImportHandler(ImportService imports, Idempotency idempotency) {
        this.imports = imports;
        this.idempotency = idempotency;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        HttpApi.handleIdempotent(
                input,
                output,
                context,
                idempotency,
                request -> imports.requireExistingUser(request.callerId()),
                request -> {
                    String callerId = request.callerId();
                    ImportRequest body = request.body(ImportRequest.class, ImportRequest.MAX_BODY_BYTES);
                    ImportOut started = imports.start(callerId, body.items(), request.newResourceId());
                    return ApiResponse.accepted("/products/imports/" + started.id(), started);
                });
    }
}
