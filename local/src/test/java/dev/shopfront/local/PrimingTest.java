package dev.shopfront.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shopfront.devkit.FunctionDefinition;
import dev.shopfront.devkit.SamTemplate;
import dev.shopfront.devkit.junit.DynamoDbExtension;
import dev.shopfront.devkit.junit.TestDynamoDb;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * SnapStart priming (docs/snapstart.md), as Lambda runs it before a snapshot: every function of the
 * template, built from its artifact as Lambda builds it, registers priming, which runs without a failure
 * and changes nothing in any table or queue.
 */
@ExtendWith(DynamoDbExtension.class)
class PrimingTest {
    private static final String PRIMING = "dev.shopfront.http.Priming";

    @Test
    void everyFunctionPrimes_withoutAFailure_andChangesNothing(TestDynamoDb db) throws Exception {
        // given: a user holding the address the clean-up's priming names, a product of theirs, and a
        // snapshot of every table and queue
        String userId = "6f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
        db.client()
                .putItem(r -> r.tableName(db.table("UsersTable"))
                        .item(Map.of(
                                "id",
                                AttributeValue.fromS(userId),
                                "email",
                                AttributeValue.fromS("priming@example.invalid"),
                                "version",
                                AttributeValue.fromN("1"))));
        db.client()
                .putItem(r -> r.tableName(db.table("EmailsTable"))
                        .item(Map.of(
                                "email",
                                AttributeValue.fromS("priming@example.invalid"),
                                "userId",
                                AttributeValue.fromS(userId))));
        db.client()
                .putItem(r -> r.tableName(db.table("ProductsTable"))
                        .item(Map.of(
                                "id",
                                AttributeValue.fromS(userId),
                                "ownerId",
                                AttributeValue.fromS(userId),
                                "createdAt",
                                AttributeValue.fromS("2026-01-01T00:00:00.000Z"),
                                "name",
                                AttributeValue.fromS("Trail shoe"),
                                "version",
                                AttributeValue.fromN("1"))));
        Map<String, List<Map<String, AttributeValue>>> before = tables(db);
        Map<String, String> messagesBefore = queues(db);

        // when: each function is built from its artifact and its registered resources run before a checkpoint
        Map<String, Integer> registered = new TreeMap<>();
        // Each function's copy of JsonLog writes to standard output.
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(warnings, true, StandardCharsets.UTF_8));
        try {
            for (FunctionDefinition function : SamTemplate.ofRepository().functions()) {
                registered.put(function.logicalId(), prime(function, db.environment()));
            }
        } finally {
            System.setOut(stdout);
        }

        // then
        String logged = warnings.toString(StandardCharsets.UTF_8);
        assertFalse(logged.contains("Priming failed"), logged);
        registered.forEach((function, count) -> assertTrue(count >= 1, function + " registers no priming"));
        assertEquals(before, tables(db));
        assertEquals(messagesBefore, queues(db));
    }

    /** Builds the function's handler in a class loader of its own and runs what it registered; returns how many. */
    private static int prime(FunctionDefinition function, Map<String, String> environment) throws Exception {
        Path artifact = RepoFiles.root().resolve(function.codeUri());
        try (URLClassLoader loader =
                new URLClassLoader(new URL[] {artifact.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            Map<String, String> variables = new LinkedHashMap<>(environment);
            variables.put("AWS_LAMBDA_FUNCTION_NAME", function.logicalId());
            loader.loadClass("dev.shopfront.config.Environment")
                    .getMethod("useForThisClassLoader", Map.class)
                    .invoke(null, variables);
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(loader);
            try {
                loader.loadClass(function.handler().replace("::handleRequest", ""))
                        .getConstructor()
                        .newInstance();
                Class<?> priming = loader.loadClass(PRIMING);
                Field field = priming.getDeclaredField("REGISTERED");
                field.setAccessible(true);
                List<?> resources = new ArrayList<>((List<?>) field.get(null));
                Method beforeCheckpoint = priming.getMethod("beforeCheckpoint", loader.loadClass("org.crac.Context"));
                for (Object resource : resources) {
                    beforeCheckpoint.invoke(resource, (Object) null);
                }
                return resources.size();
            } finally {
                thread.setContextClassLoader(previous);
            }
        }
    }

    private static Map<String, List<Map<String, AttributeValue>>> tables(TestDynamoDb db) {
        Map<String, List<Map<String, AttributeValue>>> contents = new TreeMap<>();
        db.tableNames()
                .forEach((logicalId, table) -> contents.put(
                        logicalId,
                        db.client().scanPaginator(r -> r.tableName(table).consistentRead(true)).items().stream()
                                .toList()));
        return contents;
    }

    private static Map<String, String> queues(TestDynamoDb db) {
        Map<String, String> counts = new TreeMap<>();
        db.queues()
                .keySet()
                .forEach(logicalId -> counts.put(
                        logicalId,
                        db.sqs()
                                .getQueueAttributes(r -> r.queueUrl(db.queueUrl(logicalId))
                                        .attributeNames(
                                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                                .attributesAsStrings()
                                .toString()));
        return counts;
    }
}
