package dev.shopfront.queue.sqs;

import dev.shopfront.aws.AwsHttpClients;
import dev.shopfront.aws.FunctionCredentials;
import dev.shopfront.aws.TimeoutScheduler;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;

/** The one place that builds the SQS client, with the DynamoDB client's HTTP client and timeouts. */
public final class SqsClients {
    /** Set only outside AWS (tests, the local API): an SQS-protocol server such as ElasticMQ. */
    public static final String ENDPOINT_VARIABLE = "SQS_ENDPOINT";

    private SqsClients() {}

    /**
     * The client for {@code region}; with an {@code endpoint} (the {@value #ENDPOINT_VARIABLE} variable,
     * read by the wiring), a local server's instead of AWS's.
     */
    public static SqsClient create(String region, Optional<String> endpoint) {
        SqsClientBuilder builder = SqsClient.builder()
                .region(Region.of(region))
                .httpClientBuilder(
                        AwsHttpClients.builder(Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(5)))
                .overrideConfiguration(o ->
                        o.apiCallTimeout(Duration.ofSeconds(8)).scheduledExecutorService(TimeoutScheduler.shared()));
        endpoint.ifPresentOrElse(
                url -> builder.endpointOverride(URI.create(url))
                        // A local server checks that requests are signed, not by whom.
                        .credentialsProvider(
                                StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))),
                // The execution role's, as Lambda hands them over with SnapStart and without.
                () -> builder.credentialsProvider(FunctionCredentials.provider()));
        return builder.build();
    }
}
