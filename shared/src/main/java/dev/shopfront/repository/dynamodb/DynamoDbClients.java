package dev.shopfront.repository.dynamodb;

import dev.shopfront.aws.AwsHttpClients;
import dev.shopfront.aws.FunctionCredentials;
import dev.shopfront.aws.HttpClientBuiltAside;
import dev.shopfront.aws.TimeoutScheduler;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/** The one place that builds the DynamoDB client a function uses; its settings come from the wiring. */
public final class DynamoDbClients {
    /**
     * One attempt: far above a healthy call (milliseconds), short enough that a frozen server costs
     * little. Budget (docs/decisions.md): an unreachable database is a 500 within 5 s, well inside
     * the 15 s function timeout.
     */
    static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(2);
    /**
     * All attempts of one call, retries and their back-off included: half a second under the 5 s in which a function
     * answers its 500 (README), which the answer's own work needs (a 5 s budget answered in 5.0-5.3 s).
     */
    static final Duration CALL_TIMEOUT = Duration.ofMillis(4500);

    /** Set only outside AWS (tests, the local API): a DynamoDB-protocol server such as dynalite. */
    public static final String ENDPOINT_VARIABLE = "DYNAMODB_ENDPOINT";

    private DynamoDbClients() {}

    /**
     * The client for {@code region}; with an {@code endpoint} (the {@value #ENDPOINT_VARIABLE} variable,
     * read by the wiring), a local server's instead of AWS's.
     */
    public static DynamoDbClient create(String region, Optional<String> endpoint) {
        HttpClientBuiltAside http =
                AwsHttpClients.buildAside(Duration.ofSeconds(1), Duration.ofSeconds(1), ATTEMPT_TIMEOUT);
        DynamoDbClientBuilder builder = DynamoDbClient.builder()
                .region(Region.of(region))
                .httpClient(http)
                .overrideConfiguration(o -> o.apiCallAttemptTimeout(ATTEMPT_TIMEOUT)
                        .apiCallTimeout(CALL_TIMEOUT)
                        .scheduledExecutorService(TimeoutScheduler.shared()));
        endpoint.ifPresentOrElse(
                url -> builder.endpointOverride(URI.create(url)).credentialsProvider(localCredentials()),
                // The execution role's, as Lambda hands them over with SnapStart and without.
                () -> builder.credentialsProvider(FunctionCredentials.provider()));
        DynamoDbClient client = builder.build();
        http.await();
        return client;
    }

    private static AwsCredentialsProvider localCredentials() {
        // A local server checks that requests are signed, not by whom.
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
    }
}
