package dev.shopfront.local;

import dev.shopfront.devkit.LocalDynamoDb;
import dev.shopfront.devkit.SamTemplate;
import dev.shopfront.devkit.TableDefinitions;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The template's tables on the local DynamoDB, where a table is named by its logical id: short, and the same on every run. */
final class LocalTables {
    private LocalTables() {}

    /**
     * Creates the tables that do not exist yet on {@code endpoint} and waits until all are active.
     *
     * @return logical id to table name
     * @throws IllegalStateException naming the endpoint, when no DynamoDB server answers there
     */
    static Map<String, String> create(SamTemplate template, URI endpoint) {
        try (DynamoDbClient client = LocalDynamoDb.client(endpoint)) {
            return new TableDefinitions(template).createAll(client, logicalId -> logicalId);
        } catch (SdkClientException unreachable) {
            // The first call of the start: a wrong --dynamodb-endpoint ends here. One line, not the SDK's stack.
            throw new IllegalStateException(
                    "no DynamoDB answered at " + endpoint + " (" + unreachable.getMessage() + ")", unreachable);
        }
    }

    /** Logical id to table name, without creating anything. */
    static Map<String, String> names(SamTemplate template) {
        Map<String, String> names = new LinkedHashMap<>();
        template.resourcesOfType("AWS::DynamoDB::Table").keySet().forEach(id -> names.put(id, id));
        return names;
    }

    /** The tables whose template declares a StreamSpecification. */
    static Set<String> streamed(SamTemplate template) {
        Set<String> streamed = new TreeSet<>();
        template.resourcesOfType("AWS::DynamoDB::Table").forEach((id, table) -> {
            if (!table.path("Properties").path("StreamSpecification").isMissingNode()) {
                streamed.add(id);
            }
        });
        return streamed;
    }
}
