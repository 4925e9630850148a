package dev.shopfront.local;

import java.net.URI;
import java.nio.file.Path;

/**
 * How the local API runs.
 *
 * @param dynamoDbEndpoint an existing DynamoDB-compatible server to use instead of starting dynalite, or null
 * @param dataDirectory where dynalite keeps data, or null to keep it in memory
 * @param sqsPort the loopback port of the embedded SQS server (ElasticMQ), 0 for a free one
 */
record LocalOptions(int port, int dynamoDbPort, int sqsPort, URI dynamoDbEndpoint, Path dataDirectory, Path template) {
    static final int DEFAULT_PORT = 3000;
    static final int DEFAULT_DYNAMODB_PORT = 8000;
    /** ElasticMQ's own default port. */
    static final int DEFAULT_SQS_PORT = 9324;
}
