package dev.shopfront.devkit.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Checks an answer is the contract's problem+json (RFC 9457) and leaks nothing. */
public final class ProblemAssertions {
    public static final String TYPE_BASE = "https://shopfront.dev/problems/";

    /** What a response must never carry: stack frames, exception or library names. */
    private static final List<String> LEAKS = List.of(
            "Exception",
            "\tat ",
            "java.",
            "com.fasterxml",
            "software.amazon",
            "jakarta.",
            "org.hibernate",
            "dev.shopfront",
            "password4j");

    private ProblemAssertions() {}

    /**
     * @param kind the last segment of the problem's {@code type} URI
     * @param fields the {@code field} of each expected {@code errors[]} entry, in order; none means no {@code errors}
     */
    public static JsonNode assertProblem(Answer answer, int status, String kind, String... fields) {
        assertEquals(status, answer.status(), answer::toString);
        assertEquals("application/problem+json", answer.header("Content-Type"), answer::toString);
        JsonNode problem = answer.json();

        List<String> expectedNames =
                new ArrayList<>(List.of("type", "title", "status", "detail", "instance", "requestId"));
        if (fields.length > 0) {
            expectedNames.add("errors");
        }
        List<String> names = new ArrayList<>();
        problem.fieldNames().forEachRemaining(names::add);
        assertEquals(expectedNames, names, answer::toString);

        assertEquals(TYPE_BASE + kind, problem.get("type").asText(), answer::toString);
        assertTrue(
                problem.get("title").isTextual()
                        && !problem.get("title").asText().isBlank(),
                answer::toString);
        assertTrue(problem.get("status").isInt(), answer::toString);
        assertEquals(status, problem.get("status").asInt(), answer::toString);
        assertTrue(
                problem.get("detail").isTextual()
                        && !problem.get("detail").asText().isBlank(),
                answer::toString);
        assertEquals(answer.request().rawPath(), problem.get("instance").asText(), answer::toString);
        assertEquals(answer.request().requestId(), problem.get("requestId").asText(), answer::toString);

        if (fields.length > 0) {
            List<String> reported = new ArrayList<>();
            for (JsonNode error : problem.get("errors")) {
                List<String> keys = new ArrayList<>();
                error.fieldNames().forEachRemaining(keys::add);
                assertEquals(List.of("field", "message"), keys, answer::toString);
                assertFalse(error.get("message").asText().isBlank(), answer::toString);
                reported.add(error.get("field").asText());
            }
            assertEquals(List.of(fields), reported, answer::toString);
        } else {
            assertNull(problem.get("errors"), answer::toString);
        }
        assertLeaksNothing(answer);
        return problem;
    }

    public static void assertLeaksNothing(Answer answer, String... secrets) {
        for (String leak : LEAKS) {
            assertFalse(answer.body().contains(leak), () -> "response leaks '" + leak + "': " + answer);
        }
        for (String secret : secrets) {
            assertFalse(answer.body().contains(secret), () -> "response leaks '" + secret + "': " + answer);
        }
    }
}
