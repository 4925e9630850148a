package dev.shopfront.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shopfront.devkit.SamTemplate;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every DynamoDB table is billed per request, recoverable to any point in time, and encrypted at rest. */
class TableSettingsTest {
    private static final SamTemplate TEMPLATE = SamTemplate.ofRepository();

    static List<String> tables() {
        List<String> ids =
                List.copyOf(TEMPLATE.resourcesOfType("AWS::DynamoDB::Table").keySet());
        assertFalse(ids.isEmpty(), "template.yaml declares no AWS::DynamoDB::Table");
        return ids;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tables")
    void table_isPayPerRequest(String logicalId) {
        assertEquals(
                "PAY_PER_REQUEST", properties(logicalId).path("BillingMode").asText());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tables")
    void table_hasPointInTimeRecovery(String logicalId) {
        JsonNode recovery =
                properties(logicalId).path("PointInTimeRecoverySpecification").path("PointInTimeRecoveryEnabled");
        assertTrue(recovery.isBoolean() && recovery.booleanValue(), "PointInTimeRecoveryEnabled is " + recovery);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tables")
    void table_hasServerSideEncryption(String logicalId) {
        JsonNode sse = properties(logicalId).path("SSESpecification").path("SSEEnabled");
        assertTrue(sse.isBoolean() && sse.booleanValue(), "SSEEnabled is " + sse);
    }

    private static JsonNode properties(String logicalId) {
        return TEMPLATE.resourcesOfType("AWS::DynamoDB::Table").get(logicalId).path("Properties");
    }
}
