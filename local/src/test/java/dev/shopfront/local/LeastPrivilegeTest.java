package dev.shopfront.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shopfront.devkit.FunctionDefinition;
import dev.shopfront.devkit.SamTemplate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Each function gets the DynamoDB access its routes need and no more. */
class LeastPrivilegeTest {
    private static final SamTemplate TEMPLATE = SamTemplate.ofRepository();
    private static final Set<String> READ_ACTIONS = Set.of(
            "dynamodb:GetItem",
            "dynamodb:BatchGetItem",
            "dynamodb:Query",
            "dynamodb:Scan",
            "dynamodb:DescribeTable",
            "dynamodb:ConditionCheckItem");

    static List<String> functions() {
        return TEMPLATE.functions().stream().map(FunctionDefinition::logicalId).toList();
    }

    static List<String> readOnlyFunctions() {
        List<String> ids = TEMPLATE.functions().stream()
                .filter(f -> !f.routes().isEmpty()
                        && f.routes().stream().allMatch(r -> r.method().equals("GET")))
                .map(FunctionDefinition::logicalId)
                .toList();
        assertFalse(ids.isEmpty(), "no function serves only GET routes: nothing to check");
        return ids;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("readOnlyFunctions")
    void functionServingOnlyGet_getsOnlyReadActions(String logicalId) {
        DynamoDbGrants grants = DynamoDbGrants.of(TEMPLATE, TEMPLATE.function(logicalId));

        for (String table : grants.tables()) {
            Set<String> beyondRead = new TreeSet<>(grants.dynamoDbActionsOn(table));
            beyondRead.removeAll(READ_ACTIONS);
            assertEquals(Set.of(), beyondRead, "actions beyond read on " + table);
        }
    }

    /**
     * A read-only function gets the reads its code makes, not a policy template's whole read set: a table is scanned
     * only by the unfiltered product list, and no code makes batch reads or describes a table.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void function_isGrantedNoScanButTheListing_andNoBatchReadOrDescribe(String logicalId) {
        DynamoDbGrants grants = DynamoDbGrants.of(TEMPLATE, TEMPLATE.function(logicalId));

        for (String table : grants.tables()) {
            Set<String> actions = grants.dynamoDbActionsOn(table);
            assertFalse(actions.contains("dynamodb:BatchGetItem"), "BatchGetItem on " + table);
            assertFalse(actions.contains("dynamodb:DescribeTable"), "DescribeTable on " + table);
            assertEquals(
                    logicalId.equals("ListProductsFunction") && table.equals("ProductsTable"),
                    actions.contains("dynamodb:Scan"),
                    "Scan on " + table);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void function_hasNoWildcardActionOrResource(String logicalId) {
        Map<String, Set<String>> grants =
                DynamoDbGrants.of(TEMPLATE, TEMPLATE.function(logicalId)).actionsByResource();

        assertFalse(
                grants.containsKey(DynamoDbGrants.ANY_RESOURCE),
                "Resource \"*\" with actions " + grants.get(DynamoDbGrants.ANY_RESOURCE));
        grants.forEach((resource, actions) -> assertFalse(
                actions.contains("*") || actions.contains("dynamodb:*"),
                "a wildcard action on " + resource + ": " + actions));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void tableVariableOfAFunction_namesATableItHasAPolicyOn(String logicalId) {
        // Only the function's own variables: the Globals give every table to every function,
        // whether or not it calls it, so their tables need no grant.
        FunctionDefinition function = TEMPLATE.function(logicalId);
        Set<String> granted = DynamoDbGrants.of(TEMPLATE, function).tables();

        function.properties().path("Environment").path("Variables").properties().forEach(variable -> {
            String table = referencedTable(variable.getValue());
            assertTrue(
                    table == null || granted.contains(table),
                    variable.getKey() + " names " + table + ", on which the function has no policy");
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void tableAFunctionHasAPolicyOn_isNamedInItsEnvironment(String logicalId) {
        // A grant on a table the function cannot find by name is access nobody uses.
        FunctionDefinition function = TEMPLATE.function(logicalId);
        Set<String> named = new TreeSet<>();
        function.environment().values().forEach(value -> {
            String table = referencedTable(value);
            if (table != null) {
                named.add(table);
            }
        });

        Set<String> unnamed =
                new TreeSet<>(DynamoDbGrants.of(TEMPLATE, function).tables());
        unnamed.removeAll(named);
        assertEquals(Set.of(), unnamed, "tables granted but not in the function's environment");
    }

    /** The table a variable's value is {@code !Ref} of, or null. */
    private static String referencedTable(JsonNode value) {
        String ref = value.path("Ref").asText(null);
        return ref != null && TEMPLATE.resourcesOfType("AWS::DynamoDB::Table").containsKey(ref) ? ref : null;
    }
}
