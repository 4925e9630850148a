package dev.shopfront.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.shopfront.devkit.FunctionDefinition.HttpRoute;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Requests no route serves get API Gateway's own answer, before any function or authorizer runs. */
class RouterTest {
    /** The template's routes that these requests come closest to; a match would need a function. */
    private final Router router = new Router(
            List.of(
                    route("GET", "/users/me"),
                    route("GET", "/users/{id}"),
                    route("GET", "/products"),
                    route("POST", "/products")),
            Map.of());

    private static Route route(String method, String path) {
        return new Route(new HttpRoute("E", method, path, JsonNodeFactory.instance.objectNode()), null, null);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "get, /users/me",
        "Get, /users/me",
        "post, /products",
        "HEAD, /products",
        "HEAD, /users/me",
        "HEAD, /users/6f1c2a3e-8d4b-4c5a-9e7f-0a1b2c3d4e5f",
        "OPTIONS, /products",
        "PUT, /products",
        "GET, /nowhere"
    })
    void handle_answers404NotFoundInApiGatewaysShape_whenNoRouteServesTheMethodAndPath(String method, String path) {
        OutgoingResponse response =
                router.handle(new IncomingRequest(method, path, "", Map.of(), new byte[0], "127.0.0.1", "HTTP/1.1"));

        assertEquals(404, response.status());
        assertEquals(Map.of("content-type", List.of("application/json")), response.headers());
        assertEquals("{\"message\":\"Not Found\"}", new String(response.body(), StandardCharsets.UTF_8));
    }
}
