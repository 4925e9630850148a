package dev.shopfront.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shopfront.devkit.SamTemplate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The policy reader behind LeastPrivilegeTest sees broad grants, so that test can fail. */
class DynamoDbGrantsTest {
    private static final String ONE_TABLE_ONE_FUNCTION = """
        Resources:
          UsersTable:
            Type: AWS::DynamoDB::Table
          ReaderFunction:
            Type: AWS::Serverless::Function
            Properties:
              Policies:
        %s
        """;

    @TempDir
    Path dir;

    @Test
    void crudPolicyTemplate_expandsToWriteActionsOnItsTable() throws IOException {
        DynamoDbGrants grants = grantsOf("""
                    - DynamoDBCrudPolicy:
                        TableName: !Ref UsersTable
            """);

        assertEquals(Set.of("UsersTable"), grants.tables());
        assertTrue(
                grants.dynamoDbActionsOn("UsersTable").containsAll(Set.of("dynamodb:PutItem", "dynamodb:DeleteItem")),
                grants.dynamoDbActionsOn("UsersTable").toString());
    }

    @Test
    void inlineStatement_onTableAndIndexArns_countsForTheTable() throws IOException {
        DynamoDbGrants grants = grantsOf("""
                    - Statement:
                        - Effect: Allow
                          Action: dynamodb:Query
                          Resource:
                            - !GetAtt UsersTable.Arn
                            - !Sub "${UsersTable.Arn}/index/*"
            """);

        assertEquals(Set.of("dynamodb:Query"), grants.dynamoDbActionsOn("UsersTable"));
        assertEquals(Set.of("UsersTable"), grants.actionsByResource().keySet());
    }

    @Test
    void wildcardResource_isRecordedAsAnyResource() throws IOException {
        DynamoDbGrants grants = grantsOf("""
                    - Statement:
                        - Effect: Allow
                          Action: ["dynamodb:*"]
                          Resource: "*"
            """);

        assertEquals(Set.of("dynamodb:*"), grants.actionsByResource().get(DynamoDbGrants.ANY_RESOURCE));
    }

    @Test
    void managedPolicy_isRefusedAsUncheckable() {
        assertThrows(IllegalStateException.class, () -> grantsOf("""
                    - AmazonDynamoDBFullAccess
            """));
    }

    private DynamoDbGrants grantsOf(String policies) throws IOException {
        Path file = Files.writeString(
                dir.resolve("template.yaml"), ONE_TABLE_ONE_FUNCTION.formatted(policies.stripTrailing()));
        SamTemplate template = SamTemplate.read(file);
        return DynamoDbGrants.of(template, template.function("ReaderFunction"));
    }
}
