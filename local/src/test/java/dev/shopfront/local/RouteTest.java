package dev.shopfront.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.shopfront.devkit.FunctionDefinition.HttpRoute;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteTest {
    private static Route route(String method, String path) {
        return new Route(new HttpRoute("E", method, path, JsonNodeFactory.instance.objectNode()), null, null);
    }

    @Test
    void pathParameter_takesOneSegment() {
        Route route = route("GET", "/users/{id}");

        assertEquals(Map.of("id", "abc"), route.match("GET", "/users/abc"));
        assertNull(route.match("GET", "/users/abc/more"));
        assertNull(route.match("GET", "/users/"));
        assertNull(route.match("POST", "/users/abc"));
    }

    @Test
    void method_isMatchedCaseSensitively_asOnApiGateway() {
        Route route = route("GET", "/users/me");

        assertEquals(Map.of(), route.match("GET", "/users/me"));
        for (String method : new String[] {"get", "Get", "gET"}) {
            assertNull(route.match(method, "/users/me"), method);
        }
    }

    @Test
    void head_isNotServedByAGetRoute_butByAnAnyRoute() {
        assertNull(route("GET", "/products").match("HEAD", "/products"));
        assertEquals(Map.of(), route("ANY", "/products").match("HEAD", "/products"));
        assertEquals(Map.of(), route("HEAD", "/products").match("HEAD", "/products"));
    }

    @Test
    void greedyParameter_takesTheRestOfThePath() {
        assertEquals(Map.of("proxy", "a/b/c"), route("ANY", "/files/{proxy+}").match("DELETE", "/files/a/b/c"));
    }

    @Test
    void literalRoute_winsOverParameterRoute_asOnApiGateway() {
        List<Route> sorted = List.of(route("GET", "/users/{id}"), route("GET", "/users/me")).stream()
                .sorted(Comparator.comparingInt(Route::specificity).reversed())
                .toList();

        assertEquals("/users/me", sorted.get(0).route().path());
    }
}
