package dev.shopfront.users;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.shopfront.config.Wiring;
import dev.shopfront.http.ApiResponse;
import dev.shopfront.http.HttpApi;
import dev.shopfront.http.Priming;
import dev.shopfront.schema.UserUpdate;
import dev.shopfront.service.UserService;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** {@code PATCH /users/{id}}: changes the given fields of a user. */
public final class UpdateUserHandler implements RequestStreamHandler {
    private final UserService users;

    /** As Lambda builds it: primed before a SnapStart snapshot (docs/snapstart.md). */
    public UpdateUserHandler() {
        this(Wiring.users());
        Priming.register(this, PrimingSamples.USER, "update-user");
    }

    UpdateUserHandler(UserService users) {
        this.users = users;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        HttpApi.handle(
                input,
                output,
                context,
                request -> ApiResponse.ok(
                        users.update(request.callerId(), request.pathId("id"), request.body(UserUpdate.class))));
    }
}
