package dev.shopfront.users;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.shopfront.config.Wiring;
import dev.shopfront.http.ApiResponse;
import dev.shopfront.http.HttpApi;
import dev.shopfront.http.Priming;
import dev.shopfront.schema.UserOut;
import dev.shopfront.service.UserLookup;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** {@code GET /users/{id}}: the caller's own user; 403 for anyone else's, 404 when gone. */
public final class GetUserHandler implements RequestStreamHandler {
    private final UserLookup users;
    /** Held: org.crac keeps registered resources only weakly. */
    private final Priming priming;

    /** As Lambda builds it: primed before a SnapStart snapshot (docs/snapstart.md). */
    public GetUserHandler() {
        this.users = Wiring.userLookup();
        this.priming = Priming.register(this, new UserOut("00000000-0000-0000-0000-000000000000", "priming@example.com", "Priming sample",
                "2026-01-01T00:00:00.000Z", "2026-01-01T00:00:00.000Z"), "get-user");
    }

    GetUserHandler(UserLookup users) {
        this.users = users;
        this.priming = null;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        HttpApi.handle(input, output, context, request -> ApiResponse.ok(users.get(request.callerId(), request.pathId("id"))));
    }
}
