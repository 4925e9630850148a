package dev.shopfront.devkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

/** The template's {@code AWS::DynamoDB::Table} resources as create requests, so tests and the local API build the very tables AWS gets. */
public final class TableDefinitions {
    // The SDK's default waiter sleeps 20 s between polls; dynalite is ready within milliseconds.
    private static final BackoffStrategy SHORT_POLL = BackoffStrategy.fixedDelayWithoutJitter(Duration.ofMillis(25));

    private final Map<String, JsonNode> tables;

    public TableDefinitions(SamTemplate template) {
        this.tables = template.resourcesOfType("AWS::DynamoDB::Table");
        if (tables.isEmpty()) {
            throw new IllegalStateException(template.file() + " declares no AWS::DynamoDB::Table");
        }
    }

    /** One create request per table, named by {@code nameOf} from the logical id. */
    private List<CreateTableRequest> createRequests(Function<String, String> nameOf) {
        List<CreateTableRequest> requests = new ArrayList<>();
        tables.forEach((logicalId, resource) ->
                requests.add(createRequest(nameOf.apply(logicalId), resource.path("Properties"))));
        return requests;
    }

    /**
     * Creates every table that does not exist yet and waits until all are active.
     *
     * @return logical id to table name
     */
    public Map<String, String> createAll(DynamoDbClient client, Function<String, String> nameOf) {
        Map<String, String> names = new LinkedHashMap<>();
        for (String logicalId : tables.keySet()) {
            names.put(logicalId, nameOf.apply(logicalId));
        }
        List<CreateTableRequest> requests = createRequests(nameOf);
        for (CreateTableRequest request : requests) {
            try {
                client.createTable(request);
            } catch (ResourceInUseException alreadyThere) {
                // Kept from an earlier run (the local API's on-disk data): nothing to create.
            }
        }
        try (DynamoDbWaiter waiter = DynamoDbWaiter.builder()
                .client(client)
                .overrideConfiguration(o -> o.backoffStrategyV2(SHORT_POLL).maxAttempts(400))
                .build()) {
            for (CreateTableRequest request : requests) {
                waiter.waitUntilTableExists(r -> r.tableName(request.tableName()))
                        .matched()
                        .exception()
                        .ifPresent(e -> {
                            throw new IllegalStateException(
                                    "Table " + request.tableName() + " did not become active", e);
                        });
            }
        }
        return names;
    }

    private static CreateTableRequest createRequest(String tableName, JsonNode properties) {
        List<AttributeDefinition> attributes = new ArrayList<>();
        for (JsonNode attribute : properties.path("AttributeDefinitions")) {
            attributes.add(AttributeDefinition.builder()
                    .attributeName(attribute.path("AttributeName").asText())
                    .attributeType(attribute.path("AttributeType").asText())
                    .build());
        }
        List<GlobalSecondaryIndex> indexes = new ArrayList<>();
        for (JsonNode index : properties.path("GlobalSecondaryIndexes")) {
            JsonNode projection = index.path("Projection");
            List<String> nonKey = new ArrayList<>();
            projection.path("NonKeyAttributes").forEach(n -> nonKey.add(n.asText()));
            indexes.add(GlobalSecondaryIndex.builder()
                    .indexName(index.path("IndexName").asText())
                    .keySchema(keySchema(index.path("KeySchema")))
                    .projection(Projection.builder()
                            .projectionType(projection.path("ProjectionType").asText("ALL"))
                            .nonKeyAttributes(nonKey.isEmpty() ? null : nonKey)
                            .build())
                    .build());
        }
        return CreateTableRequest.builder()
                .tableName(tableName)
                .attributeDefinitions(attributes)
                .keySchema(keySchema(properties.path("KeySchema")))
                .globalSecondaryIndexes(indexes.isEmpty() ? null : indexes)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .build();
    }

    private static List<KeySchemaElement> keySchema(JsonNode keys) {
        List<KeySchemaElement> elements = new ArrayList<>();
        for (JsonNode key : keys) {
            elements.add(KeySchemaElement.builder()
                    .attributeName(key.path("AttributeName").asText())
                    .keyType(key.path("KeyType").asText())
                    .build());
        }
        return elements;
    }
}
