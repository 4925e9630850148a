package dev.shopfront.users;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.shopfront.config.Wiring;
import dev.shopfront.http.ApiResponse;
import dev.shopfront.http.HttpApi;
import dev.shopfront.http.Priming;
import dev.shopfront.schema.UserCreate;
import dev.shopfront.schema.UserOut;
import dev.shopfront.service.Idempotency;
import dev.shopfront.service.UserService;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** {@code POST /users}: registers a user; 201 with the user and its Location. Idempotent with an {@code Idempotency-Key} header. */
public final class CreateUserHandler implements RequestStreamHandler {
    private final UserService users;
    private final Idempotency idempotency;

    /** As Lambda builds it: primed before a SnapStart snapshot (docs/snapstart.md). */
    public CreateUserHandler() {
        // The body holds a password: its idempotency record keeps only a salted hash of it.
        this(Wiring.users(), Wiring.idempotencyOfSecretBodies());
        Priming.register(this, PrimingSamples.USER, "create-user");
    }

    CreateUserHandler(UserService users, Idempotency idempotency) {
        this.users = users;
        this.idempotency = idempotency;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        HttpApi.handleIdempotent(input, output, context, idempotency, request -> {
            UserOut user = users.create(request.body(UserCreate.class), request.newResourceId());
            return ApiResponse.created("/users/" + user.id(), user).counting("UsersCreated");
        });
    }
}
