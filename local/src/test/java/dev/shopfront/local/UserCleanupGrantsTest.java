package dev.shopfront.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shopfront.devkit.FunctionDefinition;
import dev.shopfront.devkit.SamTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The clean-up function may only query the owner index, delete products and release reservations (issue 8). */
class UserCleanupGrantsTest {
    private static final SamTemplate TEMPLATE = SamTemplate.ofRepository();
    private static final FunctionDefinition CLEANUP = TEMPLATE.function("UserCleanupFunction");

    @Test
    void cleanup_mayQueryProductsAndDeleteProductsAndReservations_andNothingElse() {
        DynamoDbGrants grants = DynamoDbGrants.of(TEMPLATE, CLEANUP);

        assertEquals(
                Map.of(
                        "ProductsTable", Set.of("dynamodb:DeleteItem", "dynamodb:Query"),
                        "EmailsTable", Set.of("dynamodb:DeleteItem")),
                grants.actionsByResource());
    }

    @Test
    void cleanup_queriesOnlyTheOwnerIndex_notTheTableOrOtherIndexes() {
        List<JsonNode> queryResources = new ArrayList<>();
        for (JsonNode policy : CLEANUP.properties().path("Policies")) {
            for (JsonNode statement : policy.path("Statement")) {
                List<String> actions = new ArrayList<>();
                statement.path("Action").forEach(action -> actions.add(action.asText()));
                if (actions.contains("dynamodb:Query")) {
                    assertEquals(List.of("dynamodb:Query"), actions, "Query is granted on its own resource");
                    queryResources.add(statement.path("Resource"));
                }
            }
        }

        assertEquals(
                List.of("{\"Fn::Sub\":\"${ProductsTable.Arn}/index/ByOwner\"}"),
                queryResources.stream().map(JsonNode::toString).toList());
    }
}
