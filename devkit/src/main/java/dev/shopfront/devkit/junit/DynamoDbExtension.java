package dev.shopfront.devkit.junit;

import dev.shopfront.devkit.Dynalite;
import dev.shopfront.devkit.FunctionDefinition;
import dev.shopfront.devkit.FunctionEnvironment;
import dev.shopfront.devkit.LocalDynamoDb;
import dev.shopfront.devkit.LocalSecrets;
import dev.shopfront.devkit.LocalSqs;
import dev.shopfront.devkit.QueueDefinitions;
import dev.shopfront.devkit.QueueDefinitions.LocalQueue;
import dev.shopfront.devkit.SamTemplate;
import dev.shopfront.devkit.TableDefinitions;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Hands tests a real DynamoDB-protocol server with the template's tables, and an SQS-protocol server
 * (ElasticMQ, embedded) with the template's queues, both fresh per test class.
 *
 * <p>The server is, in order: {@code DYNAMODB_ENDPOINT} when set; LocalStack through
 * Testcontainers when {@code -Dshopfront.dynamodb=localstack} and Docker is available (its SQS
 * too); otherwise dynalite, started once per test run on a free loopback port and stopped after
 * it, with ElasticMQ for SQS.
 */
public final class DynamoDbExtension implements BeforeAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(DynamoDbExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getStore(NAMESPACE).computeIfAbsent("tables", key -> createTables(context), TestDynamoDb.class);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == TestDynamoDb.class || type == DynamoDbClient.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        TestDynamoDb tables =
                context.getStore(NAMESPACE).computeIfAbsent("tables", key -> createTables(context), TestDynamoDb.class);
        return parameter.getParameter().getType() == DynamoDbClient.class ? tables.client() : tables;
    }

    private static TestDynamoDb createTables(ExtensionContext context) {
        Server server =
                context.getRoot().getStore(NAMESPACE).computeIfAbsent("server", key -> Server.start(), Server.class);
        SamTemplate template = SamTemplate.ofRepository();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> tableNames =
                new TableDefinitions(template).createAll(server.client(), logicalId -> logicalId + "-" + suffix);
        Map<String, LocalQueue> queues =
                new QueueDefinitions(template).createAll(server.sqs(), logicalId -> logicalId + "-" + suffix);

        Map<String, String> refValues = new LinkedHashMap<>(tableNames);
        refValues.putAll(LocalSecrets.of(template, null));
        refValues.putAll(QueueDefinitions.refValues(queues));
        Map<String, String> environment = new LinkedHashMap<>();
        for (FunctionDefinition function : template.functions()) {
            environment.putAll(
                    FunctionEnvironment.forLocalRun(function, refValues, server.endpoint(), server.sqsEndpoint()));
        }
        // One map for every function: the per-function name is not meaningful here.
        environment.remove("AWS_LAMBDA_FUNCTION_NAME");
        return new TestDynamoDb(
                server.client(),
                server.endpoint(),
                Map.copyOf(tableNames),
                Map.copyOf(environment),
                server.backend(),
                server.sqs(),
                server.sqsEndpoint(),
                Map.copyOf(queues));
    }

    /** The server shared by every test class of one run; closed by JUnit when the run ends. */
    // Its close() may be interrupted (it stops child processes): JUnit calls it once, at the end of the run.
    @SuppressWarnings("try")
    static final class Server implements AutoCloseable {
        private final URI endpoint;
        private final DynamoDbClient client;
        private final String backend;
        private final AutoCloseable process;
        private final URI sqsEndpoint;
        private final SqsClient sqs;
        private final AutoCloseable sqsServer;

        private Server(
                URI endpoint,
                String backend,
                AutoCloseable process,
                URI sqsEndpoint,
                SqsClient sqs,
                AutoCloseable sqsServer) {
            this.endpoint = endpoint;
            this.client = LocalDynamoDb.client(endpoint);
            this.backend = backend;
            this.process = process;
            this.sqsEndpoint = sqsEndpoint;
            this.sqs = sqs;
            this.sqsServer = sqsServer;
        }

        /** A server whose SQS is ElasticMQ, embedded. */
        private static Server withElasticMq(URI endpoint, String backend, AutoCloseable process) {
            LocalSqs elasticMq = LocalSqs.start();
            return new Server(endpoint, backend, process, elasticMq.endpoint(), elasticMq.client(), elasticMq);
        }

        static Server start() {
            String given = System.getenv("DYNAMODB_ENDPOINT");
            if (given != null && !given.isBlank()) {
                return withElasticMq(URI.create(given), "endpoint", () -> {});
            }
            if ("localstack".equalsIgnoreCase(System.getProperty("shopfront.dynamodb", ""))) {
                LocalStackBackend localStack = LocalStackBackend.startIfDockerAvailable();
                if (localStack != null) {
                    SqsClient sqs = LocalSqs.client(localStack.endpoint());
                    return new Server(localStack.endpoint(), "localstack", localStack, localStack.endpoint(), sqs, sqs);
                }
            }
            Dynalite dynalite = Dynalite.startInMemory();
            return withElasticMq(dynalite.endpoint(), "dynalite", dynalite);
        }

        URI endpoint() {
            return endpoint;
        }

        DynamoDbClient client() {
            return client;
        }

        String backend() {
            return backend;
        }

        SqsClient sqs() {
            return sqs;
        }

        URI sqsEndpoint() {
            return sqsEndpoint;
        }

        @Override
        public void close() throws Exception {
            client.close();
            sqsServer.close();
            process.close();
        }
    }
}
