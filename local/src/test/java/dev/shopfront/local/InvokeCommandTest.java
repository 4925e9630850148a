package dev.shopfront.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

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
    /** What each sample answers on an empty database: the sample ids exist nowhere yet. */
    private static final Map<String, Integer> EXPECTED_STATUS = Map.of(
            "POST /users", 201,
            "GET /users/{id}", 404,
            "PATCH /users/{id}", 404,
            "DELETE /users/{id}", 404);

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
            List<Path> events = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
            assertFalse(events.isEmpty(), "events/ holds no sample events");
            return events.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("sampleEvents")
    void invoke_runsTheFunctionOfTheEventsRoute_andPrintsItsResponse(Path eventFile) throws Exception {
        JsonNode event = HttpApiEvents.JSON.readTree(eventFile.toFile());
        String routeKey = event.get("routeKey").asText();
        String function = functionServing(routeKey);

        String printed = captureOut(() -> Main.run(new String[] {
            "invoke", function, "--event", eventFile.toString(), "--dynamodb-endpoint", dynalite.endpoint().toString()}));

        JsonNode response = HttpApiEvents.JSON.readTree(printed);
        assertEquals(EXPECTED_STATUS.get(routeKey), response.get("statusCode").asInt(), printed);
    }

    private static String functionServing(String routeKey) {
        return SamTemplate.ofRepository().functions().stream()
                .filter(f -> f.routes().stream().anyMatch(r -> r.routeKey().equals(routeKey)))
                .map(FunctionDefinition::logicalId)
                .findFirst()
                .orElseThrow(() -> new AssertionError("No function serves " + routeKey));
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
