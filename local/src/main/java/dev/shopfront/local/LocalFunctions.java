package dev.shopfront.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shopfront.devkit.FunctionDefinition;
import dev.shopfront.devkit.FunctionDefinition.HttpRoute;
import dev.shopfront.devkit.FunctionEnvironment;
import dev.shopfront.devkit.LocalSecrets;
import dev.shopfront.devkit.QueueDefinitions;
import dev.shopfront.devkit.QueueDefinitions.LocalQueue;
import dev.shopfront.devkit.SamTemplate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** Every function of the template, ready to invoke, and the Lambda authorizers its HTTP APIs declare. */
final class LocalFunctions implements AutoCloseable {
    private final Map<String, LocalFunction> functions;
    private final Map<String, LambdaAuthorizer> authorizers;
    private final Path copies;

    private LocalFunctions(Map<String, LocalFunction> functions, Map<String, LambdaAuthorizer> authorizers, Path copies) {
        this.functions = functions;
        this.authorizers = authorizers;
        this.copies = copies;
    }

    /**
     * @param queues the template's queues on the local SQS server
     * @param tables the template's table logical ids to their names on the local DynamoDB, created already
     * @param secrets where local secret values are kept, or null for fresh ones
     */
    static LocalFunctions create(SamTemplate template, Path root, URI dynamoDbEndpoint, URI sqsEndpoint,
            Map<String, LocalQueue> queues, Map<String, String> tables, Path secrets) {
        return create(template, root, definition -> dynamoDbEndpoint, sqsEndpoint, CompletableFuture.completedFuture(queues),
                tables, secrets);
    }

    /**
     * @param dynamoDbEndpointOf the DynamoDB endpoint each function is given
     * @param queues the template's queues once the SQS server has them: a function whose environment
     *     names a queue waits for them when it loads; the others load at once
     */
    static LocalFunctions create(SamTemplate template, Path root, java.util.function.Function<FunctionDefinition, URI> dynamoDbEndpointOf,
            URI sqsEndpoint, CompletableFuture<Map<String, LocalQueue>> queues, Map<String, String> tables, Path secrets) {
        Map<String, String> refValues = new LinkedHashMap<>(tables);
        refValues.putAll(LocalSecrets.of(template, secrets));
        Set<String> queueIds = template.resourcesOfType("AWS::SQS::Queue").keySet();
        // Checked now with stand-in queue values, so a reference nothing can resolve fails at start as before.
        Map<String, String> checked = new LinkedHashMap<>(refValues);
        Map<String, LocalQueue> standIns = new LinkedHashMap<>();
        queueIds.forEach(id -> standIns.put(id, new LocalQueue(id, id, "pending", "pending")));
        checked.putAll(QueueDefinitions.refValues(standIns));
        Path copies;
        try {
            copies = Files.createTempDirectory("shopfront-local-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary folder for function artifacts", e);
        }
        Map<String, LocalFunction> functions = new LinkedHashMap<>();
        for (FunctionDefinition definition : template.functions()) {
            URI dynamoDb = dynamoDbEndpointOf.apply(definition);
            Map<String, String> environment = FunctionEnvironment.forLocalRun(definition, checked, dynamoDb, sqsEndpoint);
            Supplier<Map<String, String>> resolved = () -> environment;
            if (namesAny(definition, queueIds)) {
                resolved = () -> {
                    Map<String, String> withQueues = new LinkedHashMap<>(refValues);
                    withQueues.putAll(QueueDefinitions.refValues(queues.join()));
                    return FunctionEnvironment.forLocalRun(definition, withQueues, dynamoDb, sqsEndpoint);
                };
            }
            LocalFunction function = new LocalFunction(definition, root, resolved, copies);
            function.check();
            functions.put(definition.logicalId(), function);
        }
        return new LocalFunctions(functions, authorizers(template, functions), copies);
    }

    /** Whether an environment variable of the function is a {@code !Ref} or {@code !GetAtt} of one of {@code resources}. */
    static boolean namesAny(FunctionDefinition definition, Set<String> resources) {
        for (JsonNode value : definition.environment().values()) {
            String ref = value.path("Ref").asText("");
            String getAtt = value.path("Fn::GetAtt").path(0).asText("");
            if (resources.contains(ref) || resources.contains(getAtt)) {
                return true;
            }
        }
        return false;
    }

    LocalFunction get(String logicalId) {
        LocalFunction function = functions.get(logicalId);
        if (function == null) {
            throw new IllegalArgumentException("No function " + logicalId + " in template.yaml; functions: " + functions.keySet());
        }
        return function;
    }

    Collection<LocalFunction> all() {
        return functions.values();
    }

    Map<String, LambdaAuthorizer> authorizers() {
        return authorizers;
    }

    /** The HttpApi resource a route belongs to: its ApiId, or the template's only HttpApi. */
    static JsonNode apiOf(SamTemplate template, HttpRoute route) {
        Map<String, JsonNode> apis = template.resourcesOfType("AWS::Serverless::HttpApi");
        JsonNode ref = route.properties().path("ApiId").path("Ref");
        if (!ref.isMissingNode()) {
            return apis.get(ref.asText());
        }
        return null;
    }

    private static Map<String, LambdaAuthorizer> authorizers(SamTemplate template, Map<String, LocalFunction> functions) {
        Map<String, LambdaAuthorizer> authorizers = new LinkedHashMap<>();
        for (JsonNode api : template.resourcesOfType("AWS::Serverless::HttpApi").values()) {
            for (Map.Entry<String, JsonNode> entry : api.path("Properties").path("Auth").path("Authorizers").properties()) {
                JsonNode config = entry.getValue();
                String functionId = authorizerFunction(entry.getKey(), config.path("FunctionArn"));
                LocalFunction function = functions.get(functionId);
                if (function == null) {
                    throw new IllegalStateException("Authorizer " + entry.getKey() + " names function " + functionId
                            + ", which template.yaml does not declare");
                }
                List<String> headers = new ArrayList<>();
                config.path("Identity").path("Headers").forEach(h -> headers.add(h.asText()));
                authorizers.put(entry.getKey(), new LambdaAuthorizer(entry.getKey(), function, headers,
                        config.path("EnableSimpleResponses").asBoolean(false),
                        config.path("Identity").path("ReauthorizeEvery").asLong(300)));
            }
        }
        return authorizers;
    }

    /** The function an authorizer's FunctionArn names: {@code !GetAtt F.Arn} or SAM's {@code !Ref F.Alias}. */
    private static String authorizerFunction(String authorizer, JsonNode arn) {
        JsonNode getAtt = arn.path("Fn::GetAtt");
        if (getAtt.isArray() && getAtt.path(1).asText().equals("Arn")) {
            return getAtt.path(0).asText();
        }
        String ref = arn.path("Ref").asText("");
        if (ref.endsWith(".Alias")) {
            return ref.substring(0, ref.length() - ".Alias".length());
        }
        throw new IllegalStateException("Authorizer " + authorizer + ": the local API runs Lambda authorizers whose"
                + " FunctionArn is !GetAtt <Function>.Arn or !Ref <Function>.Alias, not " + arn);
    }

    @Override
    public void close() {
        functions.values().forEach(LocalFunction::close);
        try (var files = Files.list(copies)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(copies);
        } catch (IOException e) {
            System.err.println("[local] could not remove " + copies + ": " + e.getMessage());
        }
    }
}
