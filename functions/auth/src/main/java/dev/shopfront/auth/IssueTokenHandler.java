package dev.shopfront.auth;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.shopfront.http.ApiResponse;
import dev.shopfront.http.HttpApi;
import dev.shopfront.http.Priming;
import dev.shopfront.schema.TokenOut;
import dev.shopfront.schema.TokenRequest;
import dev.shopfront.service.AuthService;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** {@code POST /auth/token}: signs in with email and password; 200 with a bearer token, 401 alike for any wrong credentials. */
public final class IssueTokenHandler implements RequestStreamHandler {
    private final AuthService auth;

    /** As Lambda builds it: primed before a SnapStart snapshot (docs/snapstart.md). */
    public IssueTokenHandler() {
        this(AuthWiring.auth());
        Priming.register(this, TokenOut.bearer("priming", 3600), "issue-token");
    }

    IssueTokenHandler(AuthService auth) {
        this.auth = auth;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        HttpApi.handle(
                input, output, context, request -> ApiResponse.ok(auth.signIn(request.body(TokenRequest.class))));
    }
}
