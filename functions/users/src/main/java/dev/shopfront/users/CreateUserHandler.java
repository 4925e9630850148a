package dev.shopfront.users;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.shopfront.config.Wiring;
import dev.shopfront.http.ApiResponse;
import dev.shopfront.http.HttpApi;
import dev.shopfront.schema.UserCreate;
import dev.shopfront.schema.UserOut;
import dev.shopfront.service.Idempotency;
import dev.shopfront.service.UserService;

/** {@code POST /users}: registers a user; 201 with the user and its Location. Idempotent with an {@code Idempotency-Key} header. */
public final class CreateUserHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final UserService users;
    private final Idempotency idempotency;

    public CreateUserHandler() {
        // The body holds a password: its idempotency record keeps only a salted hash of it.
        this(Wiring.users(), Wiring.idempotencyOfSecretBodies());
    }

    CreateUserHandler(UserService users, Idempotency idempotency) {
        this.users = users;
        this.idempotency = idempotency;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return HttpApi.handleIdempotent(event, context, idempotency, request -> {
            UserOut user = users.create(request.body(UserCreate.class), request.newResourceId());
            return ApiResponse.created("/users/" + user.id(), user);
        });
    }
}
