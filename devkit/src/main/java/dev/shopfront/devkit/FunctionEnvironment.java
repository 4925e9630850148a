package dev.shopfront.devkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Resolves a function's template environment for a run outside AWS: {@code !Ref} of a table
 * becomes its local name, {@code !Ref} of a secret its local value (see {@link LocalSecrets}),
 * {@code !Ref} of a queue its local URL and {@code !GetAtt Queue.Arn} its local ARN.
 */
public final class FunctionEnvironment {
    private FunctionEnvironment() {}

    /**
     * @param refValues what {@code !Ref} of each resource stands for on this run, by logical id, and what
     *     {@code !GetAtt} of an attribute stands for, by {@code LogicalId.Attribute}
     * @throws IllegalStateException naming the variable when a value is an intrinsic this run cannot resolve
     */
    public static Map<String, String> resolve(FunctionDefinition function, Map<String, String> refValues) {
        Map<String, String> resolved = new LinkedHashMap<>();
        function.environment()
                .forEach((name, value) -> resolved.put(name, resolveValue(function, name, value, refValues)));
        return resolved;
    }

    /**
     * The variables a function sees on a run outside AWS: its template environment resolved, what the
     * Lambda service adds to every function, and where the local DynamoDB and SQS servers are.
     *
     * @param sqsEndpoint the SQS-protocol server, or null when the run has none
     */
    public static Map<String, String> forLocalRun(
            FunctionDefinition function,
            Map<String, String> refValues,
            java.net.URI dynamoDbEndpoint,
            java.net.URI sqsEndpoint) {
        Map<String, String> environment = resolve(function, refValues);
        environment.put("AWS_REGION", LocalDynamoDb.REGION);
        environment.put("AWS_DEFAULT_REGION", LocalDynamoDb.REGION);
        environment.put("AWS_LAMBDA_FUNCTION_NAME", function.logicalId());
        environment.put(
                "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
                function.properties().path("MemorySize").asText("1024"));
        // As Lambda sets them from LoggingConfig: a parameter's level is its value when given, else INFO, its default.
        JsonNode logging = function.properties().path("LoggingConfig");
        environment.put("AWS_LAMBDA_LOG_FORMAT", logging.path("LogFormat").asText("Text"));
        JsonNode level = logging.path("ApplicationLogLevel");
        environment.put(
                "AWS_LAMBDA_LOG_LEVEL",
                level.isValueNode()
                        ? level.asText()
                        : refValues.getOrDefault(level.path("Ref").asText(""), "INFO"));
        environment.put("DYNAMODB_ENDPOINT", dynamoDbEndpoint.toString());
        if (sqsEndpoint != null) {
            environment.put("SQS_ENDPOINT", sqsEndpoint.toString());
        }
        return environment;
    }

    private static String resolveValue(
            FunctionDefinition function, String name, JsonNode value, Map<String, String> refValues) {
        if (value.isValueNode()) {
            return value.asText();
        }
        JsonNode ref = value.get("Ref");
        if (ref != null && refValues.containsKey(ref.asText())) {
            return refValues.get(ref.asText());
        }
        JsonNode getAtt = value.get("Fn::GetAtt");
        if (getAtt != null
                && getAtt.isArray()
                && refValues.containsKey(
                        getAtt.path(0).asText() + "." + getAtt.path(1).asText())) {
            return refValues.get(getAtt.path(0).asText() + "." + getAtt.path(1).asText());
        }
        throw new IllegalStateException("Function " + function.logicalId() + ": environment variable " + name + " = "
                + value + " cannot be resolved outside AWS");
    }
}
