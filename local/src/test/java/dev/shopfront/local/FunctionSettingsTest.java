package dev.shopfront.local;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shopfront.devkit.FunctionDefinition;
import dev.shopfront.devkit.SamTemplate;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What every function must have once Globals apply: the runtime, SnapStart, a handler in its artifact, a kept log group. */
class FunctionSettingsTest {
    private static final SamTemplate TEMPLATE = SamTemplate.ofRepository();
    private static final Pattern HANDLER =
            Pattern.compile("^([A-Za-z_$][\\w$]*(?:\\.[A-Za-z_$][\\w$]*)*)::handleRequest$");

    static List<String> functions() {
        List<String> ids =
                TEMPLATE.functions().stream().map(FunctionDefinition::logicalId).toList();
        assertFalse(ids.isEmpty(), "template.yaml declares no function");
        return ids;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void function_runsJava25OnArm64(String logicalId) {
        FunctionDefinition function = TEMPLATE.function(logicalId);
        assertEquals(
                "java25", EffectiveProperty.of(TEMPLATE, function, "Runtime").asText());
        assertEquals(List.of("arm64"), texts(EffectiveProperty.of(TEMPLATE, function, "Architectures")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void function_hasSnapStartOnPublishedVersions(String logicalId) {
        FunctionDefinition function = TEMPLATE.function(logicalId);
        assertEquals(
                "PublishedVersions",
                EffectiveProperty.of(TEMPLATE, function, "SnapStart")
                        .path("ApplyOn")
                        .asText());
        // SnapStart snapshots published versions only: without one, API Gateway calls $LATEST and it never applies.
        assertFalse(
                EffectiveProperty.of(TEMPLATE, function, "AutoPublishAlias")
                        .asText()
                        .isBlank(),
                "no AutoPublishAlias: routes would invoke $LATEST, which SnapStart does not cover");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void handler_isARequestOrStreamHandlerInTheArtifactItsCodeUriNames(String logicalId) throws Exception {
        FunctionDefinition function = TEMPLATE.function(logicalId);
        Matcher handler = HANDLER.matcher(String.valueOf(function.handler()));
        assertTrue(handler.matches(), "Handler " + function.handler() + " is not of the form class::handleRequest");
        Path artifact = RepoFiles.root().resolve(function.codeUri());
        assertTrue(Files.isRegularFile(artifact), "CodeUri " + function.codeUri() + " does not exist: run mvn package");

        // Only the artifact and the JDK: proves the jar carries the Lambda interfaces it needs.
        try (URLClassLoader jar =
                new URLClassLoader(new URL[] {artifact.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            Class<?> type = assertDoesNotThrow(
                    () -> Class.forName(handler.group(1), false, jar),
                    handler.group(1) + " is not in " + function.codeUri());
            Class<?> requestHandler = jar.loadClass("com.amazonaws.services.lambda.runtime.RequestHandler");
            Class<?> streamHandler = jar.loadClass("com.amazonaws.services.lambda.runtime.RequestStreamHandler");

            assertTrue(
                    requestHandler.isAssignableFrom(type) || streamHandler.isAssignableFrom(type),
                    type + " implements neither RequestHandler nor RequestStreamHandler");
            assertFalse(Modifier.isAbstract(type.getModifiers()), type + " is abstract");
            assertDoesNotThrow(() -> type.getConstructor(), type + " has no public no-argument constructor for Lambda");
            assertTrue(
                    Arrays.stream(type.getMethods()).anyMatch(FunctionSettingsTest::isHandleRequest),
                    type
                            + " has no handleRequest(event, Context) or handleRequest(InputStream, OutputStream,"
                            + " Context)");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void function_hasLogGroupWithRetention(String logicalId) {
        FunctionDefinition function = TEMPLATE.function(logicalId);
        // Without its own log group Lambda creates one that keeps logs forever.
        String logGroupId = function.properties()
                .path("LoggingConfig")
                .path("LogGroup")
                .path("Ref")
                .asText(null);
        assertTrue(
                logGroupId != null, logicalId + " has no LoggingConfig.LogGroup: !Ref <a log group of the template>");
        JsonNode logGroup = TEMPLATE.resourcesOfType("AWS::Logs::LogGroup").get(logGroupId);
        assertTrue(logGroup != null, logGroupId + " is not an AWS::Logs::LogGroup of the template");
        // Named without the function, so SnapStart's publish cannot create it first.
        assertFalse(
                logGroup.path("Properties").path("LogGroupName").toString().contains("${" + logicalId),
                "the log group name must not depend on the function: "
                        + logGroup.path("Properties").path("LogGroupName"));
        List<JsonNode> logGroups = List.of(logGroup.path("Properties"));

        JsonNode retention = logGroups.getFirst().path("RetentionInDays");
        boolean isParameter = retention.has("Ref")
                && TEMPLATE.root().path("Parameters").has(retention.path("Ref").asText());
        assertTrue(
                retention.canConvertToInt() && retention.asInt() > 0 || isParameter,
                "RetentionInDays must be a number of days or a template parameter, was " + retention);
    }

    private static boolean isHandleRequest(Method method) {
        String context = "com.amazonaws.services.lambda.runtime.Context";
        Class<?>[] parameters = method.getParameterTypes();
        boolean pojo = parameters.length == 2 && parameters[1].getName().equals(context);
        boolean stream = parameters.length == 3
                && parameters[0] == java.io.InputStream.class
                && parameters[1] == java.io.OutputStream.class
                && parameters[2].getName().equals(context);
        return method.getName().equals("handleRequest") && !method.isBridge() && (pojo || stream);
    }

    private static List<String> texts(JsonNode array) {
        return array.valueStream().map(JsonNode::asText).toList();
    }
}
