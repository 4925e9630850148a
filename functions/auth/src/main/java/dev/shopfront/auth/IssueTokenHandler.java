package dev.shopfront.auth;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.shopfront.config.Wiring;
import dev.shopfront.http.ApiResponse;
import dev.shopfront.http.HttpApi;
import dev.shopfront.schema.TokenRequest;
import dev.shopfront.service.AuthService;

/** {@code POST /auth/token}: signs in with email and password; 200 with a bearer token, 401 alike for any wrong credentials. */
public final class IssueTokenHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final AuthService auth;

    public IssueTokenHandler() {
        this(Wiring.auth());
    }

    IssueTokenHandler(AuthService auth) {
        this.auth = auth;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return HttpApi.handle(event, context, request -> ApiResponse.ok(auth.signIn(request.body(TokenRequest.class))));
    }
}
