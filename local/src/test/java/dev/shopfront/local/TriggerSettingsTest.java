package dev.shopfront.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shopfront.devkit.FunctionDefinition;
import dev.shopfront.devkit.SamTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The event-driven triggers as template.yaml declares them: what Lambda's event source mappings need
 * so that nothing is lost (partial batch responses, a dead-letter or failure queue, bounded retries)
 * and the queues are encrypted.
 */
class TriggerSettingsTest {
    private static final SamTemplate TEMPLATE = SamTemplate.ofRepository();

    static List<String> queues() {
        List<String> ids =
                new ArrayList<>(TEMPLATE.resourcesOfType("AWS::SQS::Queue").keySet());
        assertFalse(ids.isEmpty(), "template.yaml declares no queue");
        return ids;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("queues")
    void queue_isEncryptedWithSqsManagedKeys(String logicalId) {
        assertTrue(
                properties(logicalId).path("SqsManagedSseEnabled").asBoolean(false), logicalId + " is not encrypted");
    }

    @Test
    void importQueue_hasADeadLetterQueueAfterFiveReceives_andAVisibilityTimeoutOfSixConsumerTimeouts() {
        JsonNode queue = properties("ImportQueue");
        JsonNode redrive = queue.path("RedrivePolicy");

        assertEquals(8, redrive.path("maxReceiveCount").asInt());
        assertEquals(
                "ImportDeadLetterQueue",
                redrive.path("deadLetterTargetArn").path("Fn::GetAtt").path(0).asText());
        int consumerTimeout = EffectiveProperty.of(TEMPLATE, TEMPLATE.function("ImportProductsFunction"), "Timeout")
                .asInt();
        int window = sqsEvent("ImportProductsFunction")
                .path("MaximumBatchingWindowInSeconds")
                .asInt(0);
        assertTrue(
                queue.path("VisibilityTimeout").asInt() >= 6 * consumerTimeout + window,
                "VisibilityTimeout " + queue.path("VisibilityTimeout").asInt() + " < 6 x " + consumerTimeout + " + "
                        + window);
    }

    @Test
    void importConsumer_reportsItemFailures_withDeliberateBatchingAndConcurrency_andNoFunctionDeadLetterQueue() {
        JsonNode event = sqsEvent("ImportProductsFunction");

        assertEquals(
                "ImportQueue", event.path("Queue").path("Fn::GetAtt").path(0).asText());
        assertEquals(List.of("ReportBatchItemFailures"), texts(event.path("FunctionResponseTypes")));
        assertTrue(event.path("BatchSize").isIntegralNumber());
        assertTrue(event.path("MaximumBatchingWindowInSeconds").isIntegralNumber());
        int concurrency = event.path("ScalingConfig").path("MaximumConcurrency").asInt();
        assertTrue(concurrency >= 2 && concurrency <= 1000, "MaximumConcurrency must be 2..1000, is " + concurrency);
        // A function's DeadLetterQueue is for asynchronous invocations: an SQS event source never uses it.
        assertTrue(TEMPLATE.function("ImportProductsFunction")
                .properties()
                .path("DeadLetterQueue")
                .isMissingNode());
    }

    @Test
    void userCleanup_getsOnlyRemovals_retriesBoundedByHalves_andKeepsWhatFailsInAQueue() throws Exception {
        JsonNode event = streamEvent("UserCleanupFunction");

        assertEquals(
                List.of("UsersTable", "StreamArn"), texts(event.path("Stream").path("Fn::GetAtt")));
        String pattern = event.path("FilterCriteria")
                .path("Filters")
                .path(0)
                .path("Pattern")
                .asText();
        assertEquals(List.of("REMOVE"), texts(RepoFiles.JSON.readTree(pattern).path("eventName")));
        assertEquals(List.of("ReportBatchItemFailures"), texts(event.path("FunctionResponseTypes")));
        assertTrue(event.path("BisectBatchOnFunctionError").asBoolean(false));
        int retries = event.path("MaximumRetryAttempts").asInt(-1);
        assertTrue(retries >= 0 && retries <= 10, "MaximumRetryAttempts must be bounded, is " + retries);
        int age = event.path("MaximumRecordAgeInSeconds").asInt(-1);
        assertTrue(
                age >= 60 && age <= 86_400,
                "MaximumRecordAgeInSeconds must be bounded below the stream's 24 h, is " + age);
        JsonNode onFailure = event.path("DestinationConfig").path("OnFailure");
        assertEquals("SQS", onFailure.path("Type").asText());
        assertEquals(
                List.of("UserCleanupFailureQueue", "Arn"),
                texts(onFailure.path("Destination").path("Fn::GetAtt")));
    }

    @Test
    void usersTableStream_carriesTheRemovedUsersOldImage() {
        String viewType = TEMPLATE.resourcesOfType("AWS::DynamoDB::Table")
                .get("UsersTable")
                .path("Properties")
                .path("StreamSpecification")
                .path("StreamViewType")
                .asText();

        assertTrue(viewType.equals("OLD_IMAGE") || viewType.equals("NEW_AND_OLD_IMAGES"), viewType);
    }

    @Test
    void importStarter_mayOnlySendToItsOwnQueue() {
        List<JsonNode> sendPolicies = new ArrayList<>();
        for (JsonNode policy :
                TEMPLATE.function("StartImportFunction").properties().path("Policies")) {
            if (policy.has("SQSSendMessagePolicy")) {
                sendPolicies.add(policy.path("SQSSendMessagePolicy"));
            }
            for (JsonNode statement : policy.path("Statement")) {
                texts(statement.path("Action"))
                        .forEach(action -> assertFalse(
                                action.startsWith("sqs:"), "SQS access beyond SQSSendMessagePolicy: " + action));
            }
        }
        assertEquals(1, sendPolicies.size());
        assertEquals(
                List.of("ImportQueue", "QueueName"),
                texts(sendPolicies.getFirst().path("QueueName").path("Fn::GetAtt")));
        assertEquals(
                Map.of("IMPORT_QUEUE_URL", "ImportQueue"),
                Map.of(
                        "IMPORT_QUEUE_URL",
                        TEMPLATE.function("StartImportFunction")
                                .environment()
                                .get("IMPORT_QUEUE_URL")
                                .path("Ref")
                                .asText()));
    }

    private static JsonNode properties(String resource) {
        return TEMPLATE.root().path("Resources").path(resource).path("Properties");
    }

    private static JsonNode sqsEvent(String function) {
        return eventOfType(TEMPLATE.function(function), "SQS");
    }

    private static JsonNode streamEvent(String function) {
        return eventOfType(TEMPLATE.function(function), "DynamoDB");
    }

    private static JsonNode eventOfType(FunctionDefinition function, String type) {
        List<JsonNode> found = new ArrayList<>();
        function.properties().path("Events").forEach(event -> {
            if (type.equals(event.path("Type").asText())) {
                found.add(event.path("Properties"));
            }
        });
        assertEquals(1, found.size(), function.logicalId() + " must have one " + type + " event");
        return found.getFirst();
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
