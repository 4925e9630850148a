package dev.shopfront.users;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.shopfront.config.Wiring;
import dev.shopfront.http.ApiResponse;
import dev.shopfront.http.HttpApi;
import dev.shopfront.http.Priming;
import dev.shopfront.service.UserService;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** {@code DELETE /users/{id}}: removes a user and frees its email; 204. */
public final class DeleteUserHandler implements RequestStreamHandler {
    private final UserService users;

    /** As Lambda builds it: primed before a SnapStart snapshot (docs/snapstart.md). */
    public DeleteUserHandler() {
        this(Wiring.users());
        Priming.register(this, null, "delete-user");
    }

    DeleteUserHandler(UserService users) {
        this.users = users;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        HttpApi.handle(input, output, context, request -> {
            users.delete(request.callerId(), request.pathId("id"));
            return ApiResponse.noContent();
        });
    }
}
