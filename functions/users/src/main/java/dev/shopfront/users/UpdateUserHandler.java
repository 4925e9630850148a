package dev.shopfront.users;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.shopfront.config.Wiring;
import dev.shopfront.http.ApiResponse;
import dev.shopfront.http.HttpApi;
import dev.shopfront.schema.UserUpdate;
import dev.shopfront.service.UserService;

/** {@code PATCH /users/{id}}: changes the given fields of a user. */
public final class UpdateUserHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final UserService users;

    public UpdateUserHandler() {
        this(Wiring.users());
    }

    UpdateUserHandler(UserService users) {
        this.users = users;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return HttpApi.handle(event, context,
                request -> ApiResponse.ok(users.update(request.callerId(), request.pathId("id"), request.body(UserUpdate.class))));
    }
}
