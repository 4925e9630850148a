package dev.shopfront.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What makes a line a CloudWatch Embedded Metric Format document, checked member by member. */
public final class EmfAssertions {
    private EmfAssertions() {}

    /**
     * Checks the {@code _aws} envelope (an integral {@code Timestamp}, one directive of namespace
     * Shopfront with one dimension set and units CloudWatch knows), that every dimension it names is a
     * string at the root and every metric a number at the root; returns the metrics, name to unit, in
     * their declared order.
     */
    public static Map<String, String> assertValidEmf(JsonNode line, List<String> dimensions) {
        JsonNode envelope = line.path("_aws");
        assertTrue(envelope.path("Timestamp").isIntegralNumber(), "no integral _aws.Timestamp: " + line);
        assertEquals(1, envelope.path("CloudWatchMetrics").size(), line::toString);
        JsonNode directive = envelope.path("CloudWatchMetrics").get(0);
        assertEquals("Shopfront", directive.path("Namespace").asText());
        assertEquals(1, directive.path("Dimensions").size(), "one dimension set: " + line);
        JsonNode set = directive.path("Dimensions").get(0);
        assertEquals(dimensions.size(), set.size(), line::toString);
        for (int i = 0; i < dimensions.size(); i++) {
            assertEquals(dimensions.get(i), set.get(i).asText());
            assertTrue(
                    line.path(dimensions.get(i)).isTextual(), dimensions.get(i) + " is no string at the root: " + line);
        }
        Map<String, String> metrics = new LinkedHashMap<>();
        for (JsonNode metric : directive.path("Metrics")) {
            String name = metric.path("Name").asText();
            assertTrue(
                    Set.of("Count", "Milliseconds").contains(metric.path("Unit").asText()), "unit of " + name);
            assertTrue(line.path(name).isNumber(), name + " has no number at the root: " + line);
            assertNull(metrics.put(name, metric.path("Unit").asText()), name + " declared twice");
        }
        return metrics;
    }
}
