package dev.shopfront.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shopfront.devkit.FunctionDefinition;
import dev.shopfront.devkit.SamTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** template.yaml serves exactly the routes openapi.yaml describes, each once. */
class RoutesTest {
    private static final Set<String> HTTP_METHODS =
            Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    @Test
    void templateRoutes_areExactlyTheOpenApiOperations() {
        Set<String> template = new TreeSet<>(templateRouteKeys());
        Set<String> openApi = new TreeSet<>();
        RepoFiles.openApi()
                .path("paths")
                .properties()
                .forEach(path -> path.getValue().properties().stream()
                        .filter(operation -> HTTP_METHODS.contains(operation.getKey()))
                        .forEach(operation ->
                                openApi.add(operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey())));

        assertFalse(template.isEmpty(), "template.yaml serves no HttpApi route");
        assertEquals(template, openApi);
    }

    @Test
    void templateRoutes_appearOnce() {
        List<String> routes = templateRouteKeys();

        assertEquals(new TreeSet<>(routes).size(), routes.size(), "a route is served twice: " + routes);
    }

    @Test
    void openApiRefs_allPointIntoTheDocument() {
        JsonNode openApi = RepoFiles.openApi();
        List<String> refs = new ArrayList<>();
        collectRefs(openApi, refs);

        assertFalse(refs.isEmpty());
        for (String ref : refs) {
            assertTrue(ref.startsWith("#/") && !openApi.at(ref.substring(1)).isMissingNode(), "unresolved $ref " + ref);
        }
    }

    static List<String> templateRouteKeys() {
        return SamTemplate.ofRepository().functions().stream()
                .flatMap(function -> function.routes().stream())
                .map(FunctionDefinition.HttpRoute::routeKey)
                .toList();
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.isObject() && node.path("$ref").isTextual()) {
            refs.add(node.path("$ref").asText());
        }
        node.forEach(child -> collectRefs(child, refs));
    }
}
