package dev.shopfront.devkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
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

    /** @param port the loopback port, or 0 for a free one */
    public static LocalSqs start(int port) {
        int chosen = port == 0 ? freePort() : port;
        SQSRestServer server =
                SQSRestServerBuilder.withPort(chosen).withInterface("127.0.0.1").start();
        try {
            server.waitUntilStarted();
        } catch (RuntimeException e) {
            server.stopAndWait();
            throw new IllegalStateException(
                    "ElasticMQ did not start on 127.0.0.1:" + chosen + " (is the port taken?)", e);
        }
        return new LocalSqs(server, chosen);
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

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free loopback port", e);
        }
    }
}
