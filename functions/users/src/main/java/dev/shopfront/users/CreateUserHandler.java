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
import dev.shopfront.service.UserService;

/** {@code POST /users}: registers a user; 201 with the user and its Location. */
public final class CreateUserHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final UserService users;

    public CreateUserHandler() {
        this(Wiring.users());
    }

    CreateUserHandler(UserService users) {
        this.users = users;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return HttpApi.handle(event, context, request -> {
            UserOut user = users.create(request.body(UserCreate.class));
            return ApiResponse.created("/users/" + user.id(), user);
        });
    }
}
