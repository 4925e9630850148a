package dev.shopfront.devkit.junit;

import dev.shopfront.devkit.QueueDefinitions.LocalQueue;
import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * What {@link DynamoDbExtension} hands a test class: a client for the chosen backend and the
 * template's tables, created fresh for that class, and the template's queues on the run's SQS server.
 *
 * @param client a client for {@code endpoint}
 * @param endpoint the DynamoDB-protocol server's URL
 * @param tableNames the template's table logical ids to this class's table names
 * @param environment the template's function environment with tables and queues resolved, plus the
 *     variables a Lambda runtime would add ({@code AWS_REGION}), {@code DYNAMODB_ENDPOINT} and {@code SQS_ENDPOINT}
 * @param backend which server: {@code dynalite}, {@code localstack} or {@code endpoint}
 * @param sqs a client of the SQS-protocol server (ElasticMQ)
 * @param sqsEndpoint that server's URL
 * @param queues the template's queue logical ids to this class's queues
 */
public record TestDynamoDb(
        DynamoDbClient client,
        URI endpoint,
        Map<String, String> tableNames,
        Map<String, String> environment,
        String backend,
        SqsClient sqs,
        URI sqsEndpoint,
        Map<String, LocalQueue> queues) {

    /** A fresh builder for the same server, for tests that add interceptors. */
    public DynamoDbClientBuilder clientBuilder() {
        return dev.shopfront.devkit.LocalDynamoDb.clientBuilder(endpoint);
    }

    public String table(String logicalId) {
        String name = tableNames.get(logicalId);
        if (name == null) {
            throw new IllegalArgumentException(
                    "No table " + logicalId + " in template.yaml; tables: " + tableNames.keySet());
        }
        return name;
    }

    /** The URL of this class's copy of a template queue. */
    public String queueUrl(String logicalId) {
        LocalQueue queue = queues.get(logicalId);
        if (queue == null) {
            throw new IllegalArgumentException(
                    "No queue " + logicalId + " in template.yaml; queues: " + queues.keySet());
        }
        return queue.url();
    }
}
