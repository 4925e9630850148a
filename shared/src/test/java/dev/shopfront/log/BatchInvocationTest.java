package dev.shopfront.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The one line every trigger batch ends with (docs/operating.md): its batch fields and its EMF document per function. */
class BatchInvocationTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final CapturedLog log = new CapturedLog(null);

    private final List<String> logged = log.lines();

    @Test
    void aBatch_writesOneLine_withItsFields_andItsMetricsPerFunction_theCountsSummed() throws Exception {
        JsonLog.configure("shopfront-ImportProductsFunction-x1", "INFO");
        BatchInvocation batch = BatchInvocation.begin("b-1", "ImportProductsFunction");

        batch.count("ImportItemsCreated", 2);
        batch.count("ImportItemsCreated", 3);
        batch.count("ImportItemsFailed", 1);
        batch.end(4, 1);

        assertEquals(1, logged.size(), logged::toString);
        JsonNode line = JSON.readTree(logged.getFirst());
        assertEquals("WARN", line.get("level").asText(), "a batch with failures");
        assertEquals("batch", line.get("message").asText());
        assertEquals("b-1", line.get("requestId").asText());
        assertEquals(
                "shopfront-ImportProductsFunction-x1", line.get("functionName").asText());
        assertEquals(4, line.get("records").asInt());
        assertEquals(1, line.get("failures").asInt());
        assertTrue(line.get("durationMs").isNumber(), line::toString);
        assertTrue(line.get("coldStart").isBoolean(), line::toString);
        assertEquals(
                Map.of(
                        "Latency", "Milliseconds",
                        "ColdStart", "Count",
                        "BatchFailures", "Count",
                        "ImportItemsCreated", "Count",
                        "ImportItemsFailed", "Count"),
                EmfAssertions.assertValidEmf(line, List.of("Service", "Function")));
        assertEquals("shopfront", line.get("Service").asText());
        assertEquals("shopfront-ImportProductsFunction-x1", line.get("Function").asText());
        assertEquals(1, line.get("BatchFailures").asInt());
        assertEquals(5, line.get("ImportItemsCreated").asInt());
        assertEquals(1, line.get("ImportItemsFailed").asInt());
        assertNull(JsonLog.requestId(), "the batch's request id ends with it");
    }

    @Test
    void withoutAFunctionName_theFallbackNamesTheFunction_andAQuietLogLevelDropsNoMetric() throws Exception {
        JsonLog.configure(null, "ERROR");
        BatchInvocation batch = BatchInvocation.begin("b-2", "UserCleanupFunction");

        JsonLog.warn("below the level");
        batch.end(1, 0);

        assertEquals(1, logged.size(), logged::toString);
        JsonNode line = JSON.readTree(logged.getFirst());
        assertEquals("INFO", line.get("level").asText());
        assertNull(line.get("functionName"));
        assertEquals("UserCleanupFunction", line.get("Function").asText());
        EmfAssertions.assertValidEmf(line, List.of("Service", "Function"));
        assertEquals(0, line.get("BatchFailures").asInt());
    }
}
