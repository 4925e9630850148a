package dev.shopfront.devkit.testing;

import dev.shopfront.devkit.LocalDynamoDb;
import dev.shopfront.devkit.junit.TestDynamoDb;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Clients of a test's servers that carry an {@link InjectedFailure} or {@link InjectedAction}, each closed
 * after the test that asked for it. Register one per test class with
 * {@code @RegisterExtension final FaultyClients faulty = new FaultyClients();}.
 */
public final class FaultyClients implements AfterEachCallback {
    private final List<AutoCloseable> clients = new ArrayList<>();

    /** A DynamoDB client of the test's server whose calls go through {@code interceptor}. */
    public DynamoDbClient dynamoDb(TestDynamoDb db, ExecutionInterceptor interceptor) {
        return dynamoDb(db.clientBuilder(), interceptor);
    }

    /** A DynamoDB client from {@code builder} (a server other than the test's own) whose calls go through {@code interceptor}. */
    public DynamoDbClient dynamoDb(DynamoDbClientBuilder builder, ExecutionInterceptor interceptor) {
        return kept(builder.overrideConfiguration(o -> o.addExecutionInterceptor(interceptor))
                .build());
    }

    /** An SQS client of the test's server whose calls go through {@code interceptor}. */
    public SqsClient sqs(TestDynamoDb db, ExecutionInterceptor interceptor) {
        return kept(SqsClient.builder()
                .endpointOverride(db.sqsEndpoint())
                .region(Region.of(LocalDynamoDb.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(LocalDynamoDb.ACCESS_KEY, LocalDynamoDb.SECRET_KEY)))
                .httpClientBuilder(Apache5HttpClient.builder())
                .overrideConfiguration(o -> o.addExecutionInterceptor(interceptor))
                .build());
    }

    /** A loopback address on which nothing listens: connections are refused at once. */
    public static URI closedPort() {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return URI.create("http://127.0.0.1:" + port);
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        for (AutoCloseable client : clients) {
            client.close();
        }
        clients.clear();
    }

    private <T extends AutoCloseable> T kept(T client) {
        clients.add(client);
        return client;
    }
}
