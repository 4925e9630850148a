package dev.shopfront.repository.dynamodb;

import dev.shopfront.config.Environment;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/** The one place that builds the DynamoDB client a function uses. */
public final class DynamoDbClients {
    /** Set only outside AWS (tests, the local API): a DynamoDB-protocol server such as dynalite. */
    public static final String ENDPOINT_VARIABLE = "DYNAMODB_ENDPOINT";

    private DynamoDbClients() {
    }

    public static DynamoDbClient create(Environment environment) {
        DynamoDbClientBuilder builder = DynamoDbClient.builder()
                .region(Region.of(environment.require("AWS_REGION")))
                // The only HTTP client on the classpath: low latency per call, pure Java (docs/decisions.md).
                .httpClientBuilder(Apache5HttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(Duration.ofSeconds(5)))
                .overrideConfiguration(o -> o.apiCallTimeout(Duration.ofSeconds(8)));
        environment.optional(ENDPOINT_VARIABLE).ifPresentOrElse(
                endpoint -> builder.endpointOverride(URI.create(endpoint)).credentialsProvider(localCredentials()),
                // Read on every call, so credentials refreshed after a SnapStart restore are used.
                () -> builder.credentialsProvider(EnvironmentVariableCredentialsProvider.create()));
        return builder.build();
    }

    private static AwsCredentialsProvider localCredentials() {
        // A local server checks that requests are signed, not by whom.
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
    }
}
