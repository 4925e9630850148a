package dev.shopfront.local;

import java.net.URI;
import java.nio.file.Path;

/**
 * How the local API runs.
 *
 * @param dynamoDbEndpoint an existing DynamoDB-compatible server to use instead of starting dynalite, or null
 * @param dataDirectory where dynalite keeps data, or null to keep it in memory
 */
record LocalOptions(int port, int dynamoDbPort, URI dynamoDbEndpoint, Path dataDirectory, Path template) {
    static final int DEFAULT_PORT = 3000;
    static final int DEFAULT_DYNAMODB_PORT = 8000;
}
