package dev.shopfront.devkit;

import java.net.URI;
import java.time.Duration;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * An SQS-protocol server on loopback: ElasticMQ, embedded in this JVM. Its threads are not daemons,
 * so {@link #close()} must run (the local API and the JUnit extension close it).
 */
public final class LocalSqs implements AutoCloseable {
    private final SQSRestServer server;
    private final int port;
    private final SqsClient client;

    private LocalSqs(SQSRestServer server, int port) {
        this.server = server;
        this.port = port;
        this.client = client(endpoint());
    }

    /** Starts a server on a free loopback port. */
    public static LocalSqs start() {
        return start(0);
    }

    /**
     * @param port the loopback port, or 0 for a free one: the server binds port 0 itself and reports the port
     *     it got, because a port found free and then handed over can be taken in between (it was, for dynalite)
     */
    public static LocalSqs start(int port) {
        SQSRestServer server =
                SQSRestServerBuilder.withPort(port).withInterface("127.0.0.1").start();
        int bound;
        try {
            bound = server.waitUntilStarted().localAddress().getPort();
        } catch (RuntimeException e) {
            IllegalStateException failure = new IllegalStateException(
                    "ElasticMQ did not start on 127.0.0.1:" + port + " (is the port taken?)", e);
            try {
                server.stopAndWait();
            } catch (RuntimeException stopping) {
                // A server that never bound fails its stop with the same bind failure.
                failure.addSuppressed(stopping);
            }
            throw failure;
        }
        return new LocalSqs(server, bound);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** A client of this server, owned by it: closed with it. */
    public SqsClient client() {
        return client;
    }

    /** A client of an SQS-protocol server on this machine, signed with dummy credentials. */
    public static SqsClient client(URI endpoint) {
        return SqsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(LocalDynamoDb.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(LocalDynamoDb.ACCESS_KEY, LocalDynamoDb.SECRET_KEY)))
                .httpClientBuilder(Apache5HttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(2))
                        // Long polls wait up to 20 s for a message.
                        .socketTimeout(Duration.ofSeconds(30)))
                .build();
    }

    @Override
    public void close() {
        client.close();
        server.stopAndWait();
    }
}
