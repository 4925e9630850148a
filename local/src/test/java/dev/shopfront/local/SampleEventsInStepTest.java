package dev.shopfront.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The function modules' test events ({@code functions/<module>/src/test/resources/events}) and the
 * {@code events/} files users give {@code sam local invoke} describe the same requests: where a
 * file of the same name is in both, the two agree on the route, the event's fields and the path
 * parameters, and the test event's headers, request context and body fields are all in the sample.
 * Ids, times and body values may differ (tests pick their own); a change of shape in one set fails
 * here until the other follows.
 */
class SampleEventsInStepTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static List<Path> pairs() throws IOException {
        List<Path> found = new ArrayList<>();
        try (Stream<Path> modules = Files.list(RepoFiles.root().resolve("functions"))) {
            for (Path module : modules.toList()) {
                Path events = module.resolve("src/test/resources/events");
                if (!Files.isDirectory(events)) {
                    continue;
                }
                try (Stream<Path> files = Files.list(events)) {
                    files.filter(file -> Files.exists(sample(file))).forEach(found::add);
                }
            }
        }
        assertFalse(found.isEmpty(), "no test event shares its name with a file of events/");
        return found;
    }

    @ParameterizedTest
    @MethodSource("pairs")
    void testEvent_hasTheShapeOfTheSampleOfTheSameName(Path testEvent) throws IOException {
        JsonNode test = RepoFiles.json(testEvent);
        JsonNode sample = RepoFiles.json(sample(testEvent));
        String which = RepoFiles.root().relativize(testEvent) + " against events/" + testEvent.getFileName();

        assertEquals(sample.path("routeKey").asText(), test.path("routeKey").asText(), which + ": routeKey");
        assertEquals(names(sample), names(test), which + ": top-level fields");
        assertEquals(names(sample.path("pathParameters")), names(test.path("pathParameters")), which + ": path parameters");
        assertEquals(names(sample.path("Records").path(0)), names(test.path("Records").path(0)), which + ": record fields");
        // A test event may leave out what each test sets for itself (the caller's authorizer context,
        // If-Match) and optional body fields; it may not hold anything the sample does not.
        assertSubset(names(test.path("headers")), names(sample.path("headers")), which + ": header names");
        assertSubset(names(test.path("requestContext")), names(sample.path("requestContext")), which + ": requestContext fields");
        assertSubset(bodyFields(test), bodyFields(sample), which + ": body fields");
    }

    private static void assertSubset(Set<String> test, Set<String> sample, String what) {
        Set<String> extra = new TreeSet<>(test);
        extra.removeAll(sample);
        assertEquals(Set.of(), extra, what + " only in the test event");
    }

    private static Path sample(Path testEvent) {
        return RepoFiles.root().resolve("events").resolve(testEvent.getFileName().toString());
    }

    private static Set<String> names(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.properties().forEach(field -> names.add(field.getKey()));
        return names;
    }

    private static Set<String> bodyFields(JsonNode event) throws IOException {
        if (!event.hasNonNull("body") || event.path("isBase64Encoded").asBoolean()) {
            return Set.of();
        }
        return names(JSON.readTree(event.get("body").asText()));
    }
}
