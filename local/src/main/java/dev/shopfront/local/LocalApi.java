package dev.shopfront.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shopfront.devkit.Dynalite;
import dev.shopfront.devkit.FunctionDefinition;
import dev.shopfront.devkit.FunctionDefinition.HttpRoute;
import dev.shopfront.devkit.FunctionEnvironment;
import dev.shopfront.devkit.LocalDynamoDb;
import dev.shopfront.devkit.SamTemplate;
import dev.shopfront.devkit.TableDefinitions;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Shopfront on this machine: every HttpApi route of template.yaml served from the built function
 * artifacts, with a DynamoDB-protocol server holding the template's tables.
 */
final class LocalApi implements AutoCloseable {
    private final LocalHttpServer server;
    private final Dynalite dynalite;
    private final LocalFunctions functions;
    private final URI dynamoDbEndpoint;
    private final Router router;

    private LocalApi(LocalHttpServer server, Dynalite dynalite, LocalFunctions functions, URI dynamoDbEndpoint, Router router) {
        this.server = server;
        this.dynalite = dynalite;
        this.functions = functions;
        this.dynamoDbEndpoint = dynamoDbEndpoint;
        this.router = router;
    }

    static LocalApi start(LocalOptions options) {
        SamTemplate template = SamTemplate.read(options.template());
        Path root = options.template().toAbsolutePath().getParent();
        LocalHttpServer server = LocalHttpServer.bind(options.port());
        Dynalite dynalite = null;
        LocalFunctions functions = null;
        try {
            URI endpoint = options.dynamoDbEndpoint();
            if (endpoint == null) {
                dynalite = Dynalite.start(options.dynamoDbPort(), options.dataDirectory());
                endpoint = dynalite.endpoint();
            }
            // Secrets live beside the data: kept when the data is, fresh when it is thrown away.
            Path secrets = options.dataDirectory() == null ? null : options.dataDirectory().resolveSibling("secrets");
            functions = LocalFunctions.create(template, root, endpoint, secrets);
            Router router = new Router(routes(template, functions), functions.authorizers());
            server.start(router);
            return new LocalApi(server, dynalite, functions, endpoint, router);
        } catch (RuntimeException e) {
            server.close();
            if (functions != null) {
                functions.close();
            }
            if (dynalite != null) {
                dynalite.close();
            }
            throw e;
        }
    }

    int port() {
        return server.port();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + port());
    }

    URI dynamoDbEndpoint() {
        return dynamoDbEndpoint;
    }

    Router router() {
        return router;
    }

    LocalFunctions functions() {
        return functions;
    }

    /** Loads every function in the background, so first requests find them warm. */
    void warmInBackground() {
        functions.all().forEach(function -> Thread.ofVirtual().name("warm-" + function.logicalId()).start(() -> {
            try {
                function.warm();
            } catch (RuntimeException e) {
                System.err.println("[local] " + function.logicalId() + " failed to load: " + e.getMessage());
            }
        }));
    }

    @Override
    public void close() {
        server.close();
        functions.close();
        if (dynalite != null) {
            dynalite.close();
        }
    }

    private static List<Route> routes(SamTemplate template, LocalFunctions functions) {
        Map<String, String> seen = new LinkedHashMap<>();
        List<Route> routes = new ArrayList<>();
        for (FunctionDefinition definition : template.functions()) {
            for (HttpRoute route : definition.routes()) {
                String earlier = seen.putIfAbsent(route.routeKey(), definition.logicalId());
                if (earlier != null) {
                    throw new IllegalStateException("Route " + route.routeKey() + " is declared twice in template.yaml, by "
                            + earlier + " and " + definition.logicalId() + ": keep one");
                }
                routes.add(new Route(route, functions.get(definition.logicalId()), authorizerOf(template, route)));
            }
        }
        return routes;
    }

    /** The route's own Auth.Authorizer, else its API's DefaultAuthorizer; NONE means public. */
    private static String authorizerOf(SamTemplate template, HttpRoute route) {
        JsonNode own = route.properties().path("Auth").path("Authorizer");
        String name = own.isMissingNode() ? null : own.asText();
        if (name == null) {
            JsonNode api = LocalFunctions.apiOf(template, route);
            name = api == null ? null : api.path("Properties").path("Auth").path("DefaultAuthorizer").asText(null);
        }
        return name == null || name.equals("NONE") ? null : name;
    }


    static Map<String, String> tableNames(SamTemplate template, URI endpoint) {
        try (DynamoDbClient client = LocalDynamoDb.client(endpoint)) {
            // Locally a table is named by its logical id: short, and the same on every run.
            return new TableDefinitions(template).createAll(client, logicalId -> logicalId);
        }
    }

    static Map<String, String> environment(FunctionDefinition function, Map<String, String> refValues, URI endpoint) {
        Map<String, String> environment = new LinkedHashMap<>(FunctionEnvironment.resolve(function, refValues));
        // What the Lambda service adds to every function, and where the local database is.
        environment.put("AWS_REGION", LocalDynamoDb.REGION);
        environment.put("AWS_DEFAULT_REGION", LocalDynamoDb.REGION);
        environment.put("AWS_LAMBDA_FUNCTION_NAME", function.logicalId());
        environment.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", function.properties().path("MemorySize").asText("1024"));
        environment.put("DYNAMODB_ENDPOINT", endpoint.toString());
        return environment;
    }
}
