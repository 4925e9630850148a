package dev.shopfront.auth;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent;
import dev.shopfront.config.Wiring;
import dev.shopfront.http.ApiRequest;
import dev.shopfront.service.AuthService;
import java.util.Map;
import java.util.Optional;

/**
 * The HTTP API's Lambda authorizer (REQUEST type, payload 2.0, simple responses): allows a request
 * whose bearer token is good and whose user still exists, passing the user id to the route's
 * function in the request context; API Gateway answers 403 when it denies.
 */
public final class AuthorizerHandler implements RequestHandler<APIGatewayV2CustomAuthorizerEvent, Map<String, Object>> {
    private static final Map<String, Object> DENY = Map.of("isAuthorized", false);

    private final AuthService auth;

    public AuthorizerHandler() {
        this(Wiring.auth());
    }

    AuthorizerHandler(AuthService auth) {
        this.auth = auth;
    }

    @Override
    public Map<String, Object> handleRequest(APIGatewayV2CustomAuthorizerEvent event, Context context) {
        // A Map, not SimpleIAMPolicyResponse: its "isAuthorized" must reach API Gateway under exactly that name.
        Optional<String> userId = auth.authenticate(authorization(event));
        return userId.<Map<String, Object>>map(id -> Map.of("isAuthorized", true, "context", Map.of(ApiRequest.CALLER_KEY, id)))
                .orElse(DENY);
    }

    private static String authorization(APIGatewayV2CustomAuthorizerEvent event) {
        if (event.getHeaders() != null) {
            for (Map.Entry<String, String> header : event.getHeaders().entrySet()) {
                if (header.getKey().equalsIgnoreCase("authorization")) {
                    return header.getValue();
                }
            }
        }
        return event.getIdentitySource() == null || event.getIdentitySource().isEmpty() ? null : event.getIdentitySource().get(0);
    }
}
