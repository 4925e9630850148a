package dev.shopfront.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shopfront.devkit.FunctionDefinition;
import dev.shopfront.devkit.SamTemplate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The alarms and the dashboard of template.yaml watch what really exists (docs/operating.md): every
 * metric is one AWS publishes for a resource of the template, or one the functions' code writes in its
 * EMF lines, with the dimensions it is written with; and every alarm tells the alarm topic.
 */
class AlarmsTest {
    private static final SamTemplate TEMPLATE = SamTemplate.ofRepository();
    /** What AWS publishes per namespace, for the resources this template has. */
    private static final Map<String, Set<String>> AWS_METRICS = Map.of(
            "AWS/Lambda",
                    Set.of("Errors", "Throttles", "IteratorAge", "Duration", "Invocations", "ConcurrentExecutions"),
            "AWS/SQS", Set.of("ApproximateNumberOfMessagesVisible", "ApproximateAgeOfOldestMessage"),
            "AWS/ApiGateway", Set.of("Count", "4xx", "5xx", "Latency", "IntegrationLatency"));
    /** The metrics the invocations' lines carry (InvocationLine), by the dimension beside Service. */
    private static final Map<String, Set<String>> SHOPFRONT_METRICS = Map.of(
            "Route", Set.of("Latency", "Errors4xx", "Errors5xx", "ColdStart", "UsersCreated", "ProductsCreated"),
            "Function",
                    Set.of(
                            "Latency",
                            "ColdStart",
                            "BatchFailures",
                            "ImportItemsCreated",
                            "ImportItemsFailed",
                            "UsersCleanedUp"));

    static Stream<String> alarms() {
        Set<String> ids = TEMPLATE.resourcesOfType("AWS::CloudWatch::Alarm").keySet();
        assertFalse(ids.isEmpty(), "template.yaml declares no alarm");
        return ids.stream().sorted();
    }

    /**
     * CloudWatch must be let use the topic's key, or an encrypted topic drops every alarm's notification; the
     * AWS-managed SNS key's policy cannot let it, so the key is the template's own and its policy names CloudWatch.
     */
    @Test
    void alarmTopic_isEncryptedWithAKeyCloudWatchMayUse() {
        JsonNode resources = TEMPLATE.root().path("Resources");
        String key = value(resources.path("AlarmTopic").path("Properties").path("KmsMasterKeyId"));
        assertTrue(key.startsWith("Ref:"), "AlarmTopic's key is not one of the template's: " + key);
        JsonNode keyResource = resources.path(key.substring("Ref:".length()));
        assertEquals("AWS::KMS::Key", keyResource.path("Type").asText());
        boolean cloudWatchMayUse = false;
        for (JsonNode statement :
                keyResource.path("Properties").path("KeyPolicy").path("Statement")) {
            cloudWatchMayUse |= statement.path("Effect").asText().equals("Allow")
                    && statement.path("Principal").path("Service").asText().equals("cloudwatch.amazonaws.com")
                    && texts(statement.path("Action")).containsAll(List.of("kms:Decrypt", "kms:GenerateDataKey*"));
        }
        assertTrue(cloudWatchMayUse, "the alarm topic's key policy does not let CloudWatch alarms publish");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("alarms")
    void alarm_watchesAMetricThatIsEmitted_andNotifiesTheTopic(String logicalId) {
        JsonNode alarm = TEMPLATE.root().path("Resources").path(logicalId).path("Properties");

        assertTrue(
                texts(alarm.path("AlarmActions")).contains("Ref:AlarmTopic"),
                logicalId + " does not notify AlarmTopic");
        List<JsonNode> metrics = new ArrayList<>();
        if (alarm.has("Metrics")) {
            alarm.path("Metrics").forEach(query -> {
                if (query.has("MetricStat")) {
                    metrics.add(query.path("MetricStat").path("Metric"));
                }
            });
        } else {
            metrics.add(alarm);
        }
        assertFalse(metrics.isEmpty(), logicalId + " watches no metric");
        for (JsonNode metric : metrics) {
            Map<String, String> dimensions = new TreeMap<>();
            metric.path("Dimensions").forEach(d -> dimensions.put(d.path("Name").asText(), value(d.path("Value"))));
            check(
                    logicalId,
                    metric.path("Namespace").asText(),
                    metric.path("MetricName").asText(),
                    dimensions);
        }
    }

    @Test
    void everyFunction_hasAnErrorsAndAThrottlesAlarm() {
        Set<String> watched = new HashSet<>();
        alarms().forEach(id -> {
            JsonNode alarm = TEMPLATE.root().path("Resources").path(id).path("Properties");
            if ("AWS/Lambda".equals(alarm.path("Namespace").asText())) {
                watched.add(alarm.path("MetricName").asText() + " "
                        + value(alarm.path("Dimensions").path(0).path("Value")));
            }
        });
        for (FunctionDefinition function : TEMPLATE.functions()) {
            assertTrue(
                    watched.contains("Errors Ref:" + function.logicalId()),
                    function.logicalId() + " has no Errors alarm");
            assertTrue(
                    watched.contains("Throttles Ref:" + function.logicalId()),
                    function.logicalId() + " has no Throttles alarm");
        }
    }

    @Test
    void dashboard_showsOnlyMetricsThatAreEmitted() throws Exception {
        String body = TEMPLATE.root()
                .path("Resources")
                .path("Dashboard")
                .path("Properties")
                .path("DashboardBody")
                .path("Fn::Sub")
                .asText();
        assertFalse(body.isBlank(), "no dashboard body");
        // ${Name} and ${Name.Attribute} become "Ref:Name" and "GetAtt:Name.Attribute", as the alarms' values read.
        Matcher reference =
                Pattern.compile("\\$\\{([A-Za-z0-9:]+)(?:\\.([A-Za-z]+))?}").matcher(body);
        StringBuilder resolved = new StringBuilder();
        while (reference.find()) {
            String name = reference.group(1);
            String replacement = name.startsWith("AWS::")
                    ? "us-east-1"
                    : reference.group(2) == null ? "Ref:" + name : "GetAtt:" + name + "." + reference.group(2);
            if (!name.startsWith("AWS::")) {
                assertTrue(TEMPLATE.root().path("Resources").has(name), "the dashboard names no resource " + name);
            }
            reference.appendReplacement(resolved, Matcher.quoteReplacement(replacement));
        }
        reference.appendTail(resolved);
        JsonNode dashboard = RepoFiles.JSON.readTree(resolved.toString());
        int checked = 0;
        for (JsonNode widget : dashboard.path("widgets")) {
            String namespace = null;
            String name = null;
            List<String> previous = List.of();
            for (JsonNode row : widget.path("properties").path("metrics")) {
                // A row is [namespace, metric, dimension, value, ..., {options}]; "." repeats the row above.
                List<String> cells = new ArrayList<>();
                for (int i = 0; i < row.size() && row.get(i).isTextual(); i++) {
                    String cell = row.get(i).asText();
                    cells.add(cell.equals(".") && i < previous.size() ? previous.get(i) : cell);
                }
                previous = cells;
                namespace = cells.get(0);
                name = cells.get(1);
                Map<String, String> dimensions = new TreeMap<>();
                for (int i = 2; i + 1 < cells.size(); i += 2) {
                    dimensions.put(cells.get(i), cells.get(i + 1));
                }
                check(
                        "dashboard widget "
                                + widget.path("properties").path("title").asText(),
                        namespace,
                        name,
                        dimensions);
                checked++;
            }
        }
        assertTrue(checked > 10, "only " + checked + " dashboard metrics");
    }

    @Test
    void theMetricsTheTestKnows_areTheOnesTheCodeWrites() throws IOException {
        // The names above must be written somewhere in the functions' main code: a renamed metric fails here.
        StringBuilder code = new StringBuilder();
        for (String module :
                List.of("shared", "functions/users", "functions/products", "functions/auth", "functions/imports")) {
            try (Stream<Path> files =
                    Files.walk(RepoFiles.root().resolve(module).resolve("src/main/java"))) {
                files.filter(f -> f.toString().endsWith(".java")).forEach(f -> {
                    try {
                        code.append(Files.readString(f));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        }
        SHOPFRONT_METRICS.values().stream()
                .flatMap(Set::stream)
                .forEach(metric -> assertTrue(
                        code.toString().contains("\"" + metric + "\""), "no code writes the metric " + metric));
    }

    private static void check(String where, String namespace, String metric, Map<String, String> dimensions) {
        if (namespace.equals("Shopfront")) {
            assertEquals("shopfront", dimensions.get("Service"), where + ": the Service dimension");
            assertEquals(2, dimensions.size(), where + ": Shopfront metrics have two dimensions, not " + dimensions);
            if (dimensions.containsKey("Route")) {
                assertTrue(
                        routeKeys().contains(dimensions.get("Route")), where + ": no route " + dimensions.get("Route"));
                assertTrue(SHOPFRONT_METRICS.get("Route").contains(metric), where + ": no route writes " + metric);
            } else if (dimensions.containsKey("Function")) {
                assertTrue(
                        isFunction(dimensions.get("Function")), where + ": no function " + dimensions.get("Function"));
                assertTrue(SHOPFRONT_METRICS.get("Function").contains(metric), where + ": no trigger writes " + metric);
            } else {
                fail(where + ": Shopfront metrics are per Route or per Function, not " + dimensions);
            }
            return;
        }
        Set<String> known = AWS_METRICS.get(namespace);
        assertTrue(
                known != null && known.contains(metric),
                where + ": " + namespace + " " + metric + " is not watched here");
        switch (namespace) {
            case "AWS/Lambda" -> {
                assertEquals(Set.of("FunctionName"), dimensions.keySet(), where);
                assertTrue(isFunction(dimensions.get("FunctionName")), where + ": " + dimensions);
                if (metric.equals("IteratorAge")) {
                    assertEquals(
                            "Ref:UserCleanupFunction",
                            dimensions.get("FunctionName"),
                            where + ": only stream consumers have an iterator age");
                }
            }
            case "AWS/SQS" -> {
                assertEquals(Set.of("QueueName"), dimensions.keySet(), where);
                String queue = dimensions.get("QueueName");
                assertTrue(queue.startsWith("GetAtt:") && queue.endsWith(".QueueName"), where + ": " + queue);
                String id = queue.substring("GetAtt:".length(), queue.length() - ".QueueName".length());
                assertTrue(TEMPLATE.resourcesOfType("AWS::SQS::Queue").containsKey(id), where + ": no queue " + id);
            }
            case "AWS/ApiGateway" -> {
                assertEquals(Set.of("ApiId"), dimensions.keySet(), where);
                assertEquals("Ref:HttpApi", dimensions.get("ApiId"), where);
            }
            default -> fail(where + ": namespace " + namespace);
        }
    }

    private static boolean isFunction(String value) {
        return value.startsWith("Ref:")
                && TEMPLATE.resourcesOfType("AWS::Serverless::Function").containsKey(value.substring(4));
    }

    private static Set<String> routeKeys() {
        Set<String> keys = new HashSet<>();
        TEMPLATE.functions().forEach(f -> f.routes().forEach(r -> keys.add(r.routeKey())));
        return keys;
    }

    /** A literal as is; {@code !Ref X} as "Ref:X"; {@code !GetAtt X.Y} as "GetAtt:X.Y". */
    private static String value(JsonNode value) {
        if (value.isValueNode()) {
            return value.asText();
        }
        if (value.has("Ref")) {
            return "Ref:" + value.get("Ref").asText();
        }
        if (value.has("Fn::GetAtt")) {
            JsonNode att = value.get("Fn::GetAtt");
            return "GetAtt:"
                    + (att.isArray() ? att.get(0).asText() + "." + att.get(1).asText() : att.asText());
        }
        return value.toString();
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(value(v)));
        return values;
    }
}
