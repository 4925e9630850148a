package dev.shopfront.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The events/ files, for {@code sam local invoke} and the function modules' tests alike (their test
 * class path holds events/): payload 2.0 events of routes the template really serves, and SQS and
 * DynamoDB stream events of the template's triggers; one for every function, each read by a test.
 */
class SampleEventsTest {
    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}/]+)}");

    static List<String> allEvents() throws IOException {
        try (Stream<Path> files = Files.list(RepoFiles.root().resolve("events"))) {
            List<String> names = files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".json"))
                    .sorted()
                    .toList();
            assertFalse(names.isEmpty(), "events/ holds no .json event");
            return names;
        }
    }

    /** The HTTP API events: every event that is not a batch of trigger records. */
    static List<String> events() throws IOException {
        return allEvents().stream().filter(name -> !event(name).has("Records")).toList();
    }

    static List<String> triggerEvents() throws IOException {
        List<String> names =
                allEvents().stream().filter(name -> event(name).has("Records")).toList();
        assertFalse(names.isEmpty(), "events/ holds no SQS or DynamoDB stream event");
        return names;
    }

    @org.junit.jupiter.api.Test
    void everyRouteOfTheTemplate_hasASampleEvent() throws IOException {
        java.util.Set<String> covered = new java.util.HashSet<>();
        for (String name : events()) {
            covered.add(event(name).path("routeKey").asText());
        }
        for (String routeKey : RoutesTest.templateRouteKeys()) {
            assertTrue(
                    covered.contains(routeKey),
                    "events/ has no sample event of " + routeKey + " (for sam local invoke)");
        }
    }

    /**
     * Every function of the template has a sample: its route's, its trigger's (the records of its
     * event source), or, for a Lambda authorizer, an authorizer request. {@code sam local invoke}
     * and the handler tests both need one.
     */
    @org.junit.jupiter.api.Test
    void everyFunctionOfTheTemplate_hasASampleEvent() throws IOException {
        java.util.Set<String> routeKeys = new java.util.HashSet<>();
        java.util.Set<String> eventSources = new java.util.HashSet<>();
        boolean authorizerRequest = false;
        for (String name : allEvents()) {
            JsonNode event = event(name);
            if (event.has("Records")) {
                eventSources.add(
                        event.path("Records").path(0).path("eventSource").asText());
            } else if ("REQUEST".equals(event.path("type").asText())) {
                authorizerRequest = true;
            } else {
                routeKeys.add(event.path("routeKey").asText());
            }
        }
        dev.shopfront.devkit.SamTemplate template = dev.shopfront.devkit.SamTemplate.ofRepository();
        // An authorizer names its function by !GetAtt F.Arn or !Ref F.Alias.
        String authorizers = template.resourcesOfType("AWS::Serverless::HttpApi").values().stream()
                .map(api ->
                        api.path("Properties").path("Auth").path("Authorizers").toString())
                .collect(java.util.stream.Collectors.joining());
        for (dev.shopfront.devkit.FunctionDefinition function : template.functions()) {
            boolean covered = function.routes().stream().anyMatch(route -> routeKeys.contains(route.routeKey()))
                    || (authorizerRequest
                            && Pattern.compile("\"" + function.logicalId() + "[\".]")
                                    .matcher(authorizers)
                                    .find())
                    || function.properties().path("Events").valueStream().anyMatch(e -> switch (e.path("Type")
                            .asText()) {
                        case "SQS" -> eventSources.contains("aws:sqs");
                        case "DynamoDB" -> eventSources.contains("aws:dynamodb");
                        default -> false;
                    });
            assertTrue(covered, "events/ has no sample event for " + function.logicalId());
        }
    }

    /**
     * The samples are the handler tests' events too (each function module's test class path holds
     * events/): a sample no test reads is one nobody checks against its handler.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("allEvents")
    void sampleEvent_isReadByAFunctionModulesTests(String name) throws IOException {
        String quoted = "\"" + name + "\"";
        try (Stream<Path> sources = Files.walk(RepoFiles.root().resolve("functions"))) {
            boolean read = sources.filter(file ->
                            file.toString().endsWith(".java") && file.toString().contains("src/test/java"))
                    .anyMatch(file -> {
                        try {
                            return Files.readString(file).contains(quoted);
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    });
            assertTrue(read, "no test of functions/ reads events/" + name);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("triggerEvents")
    void triggerEvent_isABatchFromAnEventSourceTheTemplateDeclares(String name) {
        JsonNode records = event(name).path("Records");
        assertTrue(records.isArray() && !records.isEmpty(), "Records must be a non-empty array");
        for (JsonNode record : records) {
            String source = record.path("eventSource").asText();
            switch (source) {
                case "aws:sqs" -> {
                    assertTrue(hasEventOfType("SQS"), "no function of template.yaml has an SQS event");
                    assertTrue(record.path("messageId").isTextual()
                            && record.path("receiptHandle").isTextual());
                    assertTrue(record.path("body").isTextual(), "an SQS record's body is a string");
                }
                case "aws:dynamodb" -> {
                    assertTrue(hasEventOfType("DynamoDB"), "no function of template.yaml has a DynamoDB event");
                    assertTrue(
                            record.path("dynamodb").path("SequenceNumber").isTextual(), "SequenceNumber is a string");
                    assertTrue(record.path("dynamodb").path("Keys").isObject(), "a stream record has Keys");
                    assertTrue(List.of("INSERT", "MODIFY", "REMOVE")
                            .contains(record.path("eventName").asText()));
                }
                default -> throw new AssertionError("unknown eventSource " + source);
            }
        }
    }

    private static boolean hasEventOfType(String type) {
        return dev.shopfront.devkit.SamTemplate.ofRepository().functions().stream()
                .anyMatch(function -> {
                    for (JsonNode event : function.properties().path("Events")) {
                        if (type.equals(event.path("Type").asText())) {
                            return true;
                        }
                    }
                    return false;
                });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void event_isPayload2OfATemplateRoute(String name) {
        JsonNode event = event(name);

        assertEquals("2.0", event.path("version").asText());
        String routeKey = event.path("routeKey").asText();
        assertTrue(RoutesTest.templateRouteKeys().contains(routeKey), routeKey + " is not a route of template.yaml");
        assertEquals(routeKey, event.path("requestContext").path("routeKey").asText());
        assertEquals("$default", event.path("requestContext").path("stage").asText());
        assertFalse(event.path("isBase64Encoded").asBoolean(true), "isBase64Encoded must be false");
        // API Gateway lower-cases header names in payload 2.0.
        event.path("headers")
                .fieldNames()
                .forEachRemaining(header -> assertEquals(header.toLowerCase(Locale.ROOT), header));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void rawPath_matchesTheRoutesPathTemplate(String name) {
        JsonNode event = event(name);
        String[] routeKey = event.path("routeKey").asText().split(" ", 2);
        String rawPath = event.path("rawPath").asText();

        Map<String, String> parameters = match(routeKey[1], rawPath);
        assertTrue(parameters != null, rawPath + " does not match " + routeKey[1]);
        assertEquals(
                routeKey[0],
                event.path("requestContext").path("http").path("method").asText());
        assertEquals(
                rawPath, event.path("requestContext").path("http").path("path").asText());
        // API Gateway leaves pathParameters out when the route has none.
        Map<String, String> given = new LinkedHashMap<>();
        event.path("pathParameters")
                .properties()
                .forEach(p -> given.put(p.getKey(), p.getValue().asText()));
        assertEquals(parameters, given);
    }

    @Test
    void events_haveARequestIdEach_asEveryRequestThroughApiGatewayHas() throws IOException {
        Map<String, String> seen = new LinkedHashMap<>();
        for (String name : events()) {
            String requestId =
                    event(name).path("requestContext").path("requestId").asText();
            String earlier = seen.putIfAbsent(requestId, name);
            assertTrue(earlier == null, name + " and " + earlier + " share the request id " + requestId);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void authorizerEvent_namesItsOwnApiAndRegionInItsRouteArn(String name) {
        JsonNode event = event(name);
        if (!event.has("routeArn")) {
            return; // not an authorizer's event
        }
        JsonNode context = event.path("requestContext");
        String region = context.path("domainName").asText().split("\\.")[2]; // <api>.execute-api.<region>.amazonaws.com
        String expected = "arn:aws:execute-api:" + region + ":"
                + context.path("accountId").asText() + ":"
                + context.path("apiId").asText() + "/" + context.path("stage").asText() + "/"
                + context.path("http").path("method").asText()
                + event.path("rawPath").asText();
        assertEquals(expected, event.path("routeArn").asText());
    }

    static List<String> eventsWithBody() throws IOException {
        List<String> names =
                events().stream().filter(name -> event(name).has("body")).toList();
        assertFalse(names.isEmpty(), "no event in events/ has a body");
        return names;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventsWithBody")
    void eventWithBody_isAJsonObjectWithItsContentType(String name) throws IOException {
        JsonNode event = event(name);

        assertEquals(
                "application/json", event.path("headers").path("content-type").asText());
        assertTrue(RepoFiles.JSON.readTree(event.path("body").asText()).isObject(), "body is not a JSON object");
    }

    /** The path parameters of {@code path} under {@code template}, or null when it does not match. */
    private static Map<String, String> match(String template, String path) {
        List<String> names =
                PATH_PARAMETER.matcher(template).results().map(m -> m.group(1)).toList();
        StringBuilder regex = new StringBuilder("^");
        int last = 0;
        for (Matcher m = PATH_PARAMETER.matcher(template); m.find(); last = m.end()) {
            regex.append(Pattern.quote(template.substring(last, m.start())));
            // {proxy+} takes the rest of the path; any other parameter one segment.
            regex.append(m.group(1).endsWith("+") ? "(.+)" : "([^/]+)");
        }
        regex.append(Pattern.quote(template.substring(last))).append('$');
        Matcher matcher = Pattern.compile(regex.toString()).matcher(path);
        if (!matcher.matches()) {
            return null;
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            parameters.put(names.get(i).replace("+", ""), matcher.group(i + 1));
        }
        return parameters;
    }

    private static JsonNode event(String name) {
        return RepoFiles.json(RepoFiles.root().resolve("events").resolve(name));
    }
}
