package dev.shopfront.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shopfront.devkit.Dynalite;
import dev.shopfront.devkit.FunctionDefinition;
import dev.shopfront.devkit.RepoRoot;
import dev.shopfront.devkit.SamTemplate;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** `invoke FUNCTION --event FILE` with each sample event of events/, as `sam local invoke` would run them. */
class InvokeCommandTest {
    /**
     * What each sample answers, run in file order on one fresh database: create-user registers
     * ada@example.com before issue-token signs her in; the sample ids (the caller's included) exist
     * nowhere, so writes as that caller are 401 and reads of the sample product 404.
     */
    private static final Map<String, Integer> EXPECTED_STATUS = Map.ofEntries(
            Map.entry("create-product.json", 401),
            Map.entry("delete-product.json", 401),
            Map.entry("get-product.json", 404),
            Map.entry("list-products.json", 200),
            Map.entry("update-product.json", 401),
            Map.entry("create-user.json", 201),
            Map.entry("delete-user.json", 404),
            Map.entry("get-current-user.json", 401),
            Map.entry("get-user.json", 404),
            Map.entry("start-import.json", 401),
            Map.entry("get-import.json", 401),
            Map.entry("issue-token.json", 200),
            Map.entry("update-user.json", 404));

    /**
     * What the trigger samples answer: the clean-up sample's user owns nothing here, so nothing fails;
     * the import sample's import was never started here, so its message fails, to be retried and then
     * kept in the dead-letter queue rather than dropped.
     */
    private static final Map<String, String> EXPECTED_TRIGGER_RESPONSE = Map.of(
            "user-cleanup-stream.json", "{\"batchItemFailures\":[]}",
            "import-products-sqs.json",
                    "{\"batchItemFailures\":[{\"itemIdentifier\":\"5f3c8e2a-7b1d-4c6e-9a8f-0d2b4c6e8a1f\"}]}");

    private static Dynalite dynalite;

    @BeforeAll
    static void startDatabase() {
        dynalite = Dynalite.startInMemory();
    }

    @AfterAll
    static void stopDatabase() {
        dynalite.close();
    }

    static Stream<Path> sampleEvents() throws Exception {
        try (Stream<Path> files = Files.list(RepoRoot.find().resolve("events"))) {
            List<Path> events =
                    files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
            assertFalse(events.isEmpty(), "events/ holds no sample events");
            return events.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("sampleEvents")
    void invoke_runsTheFunctionOfTheEventsRoute_andPrintsItsResponse(Path eventFile) throws Exception {
        JsonNode event = HttpApiEvents.JSON.readTree(eventFile.toFile());
        boolean authorizerEvent = "REQUEST".equals(event.path("type").asText());
        boolean triggerEvent = event.has("Records");
        String function = authorizerEvent
                ? "AuthorizerFunction"
                : triggerEvent
                        ? functionTriggeredBy(event.path("Records")
                                .path(0)
                                .path("eventSource")
                                .asText())
                        : functionServing(event.get("routeKey").asText());

        String printed = captureOut(() -> Main.run(new String[] {
            "invoke",
            function,
            "--event",
            eventFile.toString(),
            "--dynamodb-endpoint",
            dynalite.endpoint().toString()
        }));

        JsonNode response = HttpApiEvents.JSON.readTree(printed);
        if (authorizerEvent) {
            // The sample's token is not signed with this run's key.
            assertEquals("{\"isAuthorized\":false}", response.toString());
        } else if (triggerEvent) {
            String expected =
                    EXPECTED_TRIGGER_RESPONSE.get(eventFile.getFileName().toString());
            assertTrue(expected != null, "no expected response for " + eventFile.getFileName() + ": " + printed);
            assertEquals(expected, response.toString());
        } else {
            assertEquals(
                    EXPECTED_STATUS.get(eventFile.getFileName().toString()),
                    response.get("statusCode").asInt(),
                    printed);
        }
    }

    private static String functionServing(String routeKey) {
        return SamTemplate.ofRepository().functions().stream()
                .filter(f -> f.routes().stream().anyMatch(r -> r.routeKey().equals(routeKey)))
                .map(FunctionDefinition::logicalId)
                .findFirst()
                .orElseThrow(() -> new AssertionError("No function serves " + routeKey));
    }

    /** The function with an event of the type whose records carry {@code eventSource} (aws:dynamodb, aws:sqs). */
    private static String functionTriggeredBy(String eventSource) {
        String type = switch (eventSource) {
            case "aws:dynamodb" -> "DynamoDB";
            case "aws:sqs" -> "SQS";
            default -> throw new AssertionError("No trigger type for records from " + eventSource);
        };
        return SamTemplate.ofRepository().functions().stream()
                .filter(f -> f.properties()
                        .path("Events")
                        .valueStream()
                        .anyMatch(e -> type.equals(e.path("Type").asText())))
                .map(FunctionDefinition::logicalId)
                .findFirst()
                .orElseThrow(() -> new AssertionError("No function has an event of Type: " + type));
    }

    private static String captureOut(java.util.function.IntSupplier command) {
        PrintStream original = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, command.getAsInt());
        } finally {
            System.setOut(original);
        }
        return buffer.toString(StandardCharsets.UTF_8).strip();
    }
}
