package dev.shopfront.devkit.junit;

import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * What {@link DynamoDbExtension} hands a test class: a client for the chosen backend and the
 * template's tables, created fresh for that class.
 *
 * @param client a client for {@code endpoint}
 * @param endpoint the DynamoDB-protocol server's URL
 * @param tableNames the template's table logical ids to this class's table names
 * @param environment the template's function environment with table names resolved, plus the
 *     variables a Lambda runtime would add ({@code AWS_REGION}) and {@code DYNAMODB_ENDPOINT}
 * @param backend which server: {@code dynalite}, {@code localstack} or {@code endpoint}
 */
public record TestDynamoDb(
        DynamoDbClient client,
        URI endpoint,
        Map<String, String> tableNames,
        Map<String, String> environment,
        String backend) {

    /** A fresh builder for the same server, for tests that add interceptors. */
    public DynamoDbClientBuilder clientBuilder() {
        return dev.shopfront.devkit.LocalDynamoDb.clientBuilder(endpoint);
    }

    public String table(String logicalId) {
        String name = tableNames.get(logicalId);
        if (name == null) {
            throw new IllegalArgumentException("No table " + logicalId + " in template.yaml; tables: " + tableNames.keySet());
        }
        return name;
    }
}
