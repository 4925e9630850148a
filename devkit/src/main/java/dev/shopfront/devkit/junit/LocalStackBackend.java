package dev.shopfront.devkit.junit;

import java.net.URI;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

/** LocalStack in Docker, the second backend (DynamoDB and SQS), for machines that have a Docker engine. */
final class LocalStackBackend implements AutoCloseable {
    // The last community tag that starts without an auth token; newer tags require one.
    static final DockerImageName IMAGE = DockerImageName.parse("localstack/localstack:4.14.0");

    private final LocalStackContainer container;

    private LocalStackBackend(LocalStackContainer container) {
        this.container = container;
    }

    /** Starts LocalStack, or returns null when no Docker engine answers (the run falls back to dynalite). */
    static LocalStackBackend startIfDockerAvailable() {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            System.err.println(
                    "[shopfront] -Dshopfront.dynamodb=localstack asked for, but no Docker engine answers: using"
                            + " dynalite");
            return null;
        }
        LocalStackContainer container = new LocalStackContainer(IMAGE).withServices("dynamodb", "sqs");
        container.start();
        return new LocalStackBackend(container);
    }

    URI endpoint() {
        return container.getEndpoint();
    }

    @Override
    public void close() {
        container.stop();
    }
}
