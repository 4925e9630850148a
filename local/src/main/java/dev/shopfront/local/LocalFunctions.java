package dev.shopfront.local;

import dev.shopfront.devkit.FunctionDefinition;
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
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** Every function of the template, ready to invoke, and the Lambda authorizers its HTTP APIs declare. */
final class LocalFunctions implements AutoCloseable {
    private final Map<String, LocalFunction> functions;
    private final Map<String, LambdaAuthorizer> authorizers;
    private final ArtifactLibraries libraries;
    private final Path copies;

    private LocalFunctions(
            Map<String, LocalFunction> functions,
            Map<String, LambdaAuthorizer> authorizers,
            ArtifactLibraries libraries,
            Path copies) {
        this.functions = functions;
        this.authorizers = authorizers;
        this.libraries = libraries;
        this.copies = copies;
    }

    /**
     * @param queues the template's queues on the local SQS server
     * @param tables the template's table logical ids to their names on the local DynamoDB, created already
     * @param secrets where local secret values are kept, or null for fresh ones
     */
    static LocalFunctions create(
            SamTemplate template,
            Path root,
            URI dynamoDbEndpoint,
            URI sqsEndpoint,
            Map<String, LocalQueue> queues,
            Map<String, String> tables,
            Path secrets) {
        return create(
                template,
                root,
                definition -> dynamoDbEndpoint,
                CompletableFuture.completedFuture(new Queues(sqsEndpoint, queues)),
                tables,
                secrets);
    }

    /**
     * @param dynamoDbEndpointOf the DynamoDB endpoint each function is given
     * @param queues the SQS server and the template's queues on it, once it has them: a function whose
     *     environment names a queue waits for them when it loads and alone is told the server; the others load
     *     at once
     */
    static LocalFunctions create(
            SamTemplate template,
            Path root,
            java.util.function.Function<FunctionDefinition, URI> dynamoDbEndpointOf,
            CompletableFuture<Queues> queues,
            Map<String, String> tables,
            Path secrets) {
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
        ArtifactLibraries libraries = new ArtifactLibraries(copies);
        Map<String, LocalFunction> functions = new LinkedHashMap<>();
        Map<Path, Set<String>> entriesOf = new HashMap<>();
        for (FunctionDefinition definition : template.functions()) {
            URI dynamoDb = dynamoDbEndpointOf.apply(definition);
            Map<String, String> environment = FunctionEnvironment.forLocalRun(definition, checked, dynamoDb, null);
            Supplier<Map<String, String>> resolved = () -> environment;
            if (definition.namesAny(queueIds)) {
                resolved = () -> {
                    Queues sqs = queues.join();
                    Map<String, String> withQueues = new LinkedHashMap<>(refValues);
                    withQueues.putAll(QueueDefinitions.refValues(sqs.byLogicalId()));
                    return FunctionEnvironment.forLocalRun(definition, withQueues, dynamoDb, sqs.endpoint());
                };
            }
            LocalFunction function = new LocalFunction(definition, root, resolved, libraries);
            function.check(entriesOf);
            functions.put(definition.logicalId(), function);
        }
        return new LocalFunctions(functions, LambdaAuthorizer.ofTemplate(template, functions), libraries, copies);
    }

    /** The SQS server's endpoint and the template's queues on it, by logical id. */
    record Queues(URI endpoint, Map<String, LocalQueue> byLogicalId) {}

    LocalFunction get(String logicalId) {
        LocalFunction function = functions.get(logicalId);
        if (function == null) {
            throw new IllegalArgumentException(
                    "No function " + logicalId + " in template.yaml; functions: " + functions.keySet());
        }
        return function;
    }

    Collection<LocalFunction> all() {
        return functions.values();
    }

    Map<String, LambdaAuthorizer> authorizers() {
        return authorizers;
    }

    @Override
    public void close() {
        functions.values().forEach(LocalFunction::close);
        libraries.close();
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
