package dev.shopfront.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.core.SdkSystemSetting;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * The execution role's credentials as Lambda hands them over: from its local endpoint under SnapStart, from the
 * environment otherwise. The endpoint is named here through the system properties the SDK reads before the
 * environment, so no test changes this JVM's environment.
 */
@ResourceLock(Resources.SYSTEM_PROPERTIES)
class FunctionCredentialsTest {
    private static final String FULL_URI = SdkSystemSetting.AWS_CONTAINER_CREDENTIALS_FULL_URI.property();
    private static final String TOKEN = SdkSystemSetting.AWS_CONTAINER_AUTHORIZATION_TOKEN.property();

    @AfterEach
    void forgetTheEndpoint() {
        System.clearProperty(FULL_URI);
        System.clearProperty(TOKEN);
    }

    @Test
    void provider_fetchesTheRolesCredentialsFromLambdasEndpoint_withItsToken_underSnapStart() throws IOException {
        // given: Lambda's credentials endpoint, as a SnapStart function's runtime names it
        List<String> authorizations = new CopyOnWriteArrayList<>();
        String expiration = Instant.now()
                .plus(1, ChronoUnit.HOURS)
                .truncatedTo(ChronoUnit.SECONDS)
                .toString();
        HttpServer endpoint = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        endpoint.createContext("/2021-04-23/credentials", exchange -> {
            authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body =
                    ("{\"AccessKeyId\":\"ASIAROLE\",\"SecretAccessKey\":\"role-secret\",\"Token\":\"role-session\","
                                    + "\"Expiration\":\"" + expiration + "\"}")
                            .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        endpoint.start();
        System.setProperty(FULL_URI, "http://127.0.0.1:" + endpoint.getAddress().getPort() + "/2021-04-23/credentials");
        System.setProperty(TOKEN, "lambda-issued-token");
        AwsCredentialsProvider provider = FunctionCredentials.provider();
        try {
            // when
            AwsSessionCredentials credentials =
                    assertInstanceOf(AwsSessionCredentials.class, provider.resolveCredentials());

            // then
            assertEquals("ASIAROLE", credentials.accessKeyId());
            assertEquals("role-secret", credentials.secretAccessKey());
            assertEquals("role-session", credentials.sessionToken());
            assertEquals(List.of("lambda-issued-token"), authorizations);
        } finally {
            ((SdkAutoCloseable) provider).close();
            endpoint.stop(0);
        }
    }

    @Test
    void provider_readsTheEnvironment_whenLambdaNamesNoEndpoint() {
        assertInstanceOf(EnvironmentVariableCredentialsProvider.class, FunctionCredentials.provider());
    }
}
