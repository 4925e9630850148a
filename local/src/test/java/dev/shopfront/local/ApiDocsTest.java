package dev.shopfront.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The interactive docs over real HTTP: the page, every file it loads, and openapi.yaml itself. */
class ApiDocsTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Map<String, String> CONTENT_TYPES =
            Map.of("css", "text/css; charset=utf-8", "js", "text/javascript; charset=utf-8", "png", "image/png");
    private static LocalHttpServer server;

    @BeforeAll
    static void start() {
        server = LocalHttpServer.bind(0);
        server.start(
                new Router(List.of(), Map.of(), new ApiDocs(RepoFiles.root().resolve("openapi.yaml"))));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void docs_servesAnHtmlPage_whoseEveryFileLoads() throws Exception {
        HttpResponse<String> page = get("/_docs");

        assertEquals(200, page.statusCode());
        assertEquals(
                "text/html; charset=utf-8",
                page.headers().firstValue("content-type").orElseThrow());
        List<String> files = new ArrayList<>();
        Matcher references = Pattern.compile("(?:src|href)=\"(/_docs/[^\"]+)\"").matcher(page.body());
        while (references.find()) {
            files.add(references.group(1));
        }
        assertEquals(
                List.of(
                        "/_docs/favicon-32x32.png",
                        "/_docs/swagger-ui.css",
                        "/_docs/swagger-ui-bundle.js",
                        "/_docs/swagger-initializer.js"),
                files);
        for (String file : files) {
            HttpResponse<byte[]> loaded = HTTP.send(request(file), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, loaded.statusCode(), file);
            assertEquals(
                    CONTENT_TYPES.get(file.substring(file.lastIndexOf('.') + 1)),
                    loaded.headers().firstValue("content-type").orElseThrow(),
                    file);
            assertTrue(loaded.body().length > 0, file);
        }
    }

    @Test
    void docs_pointSwaggerUiAtTheLocalOpenApi_withAuthorizationKept() throws Exception {
        String initializer = get("/_docs/swagger-initializer.js").body();

        assertTrue(initializer.contains("url: '/_openapi.yaml'"), initializer);
        assertTrue(initializer.contains("persistAuthorization: true"), initializer);
        assertTrue(initializer.contains("SwaggerUIBundle("), initializer);
    }

    @Test
    void docsWithTrailingSlash_isTheSamePage() throws Exception {
        assertEquals(get("/_docs").body(), get("/_docs/").body());
    }

    @Test
    void openApi_servesTheRepositorysFile_asYaml() throws Exception {
        HttpResponse<byte[]> spec = HTTP.send(request("/_openapi.yaml"), HttpResponse.BodyHandlers.ofByteArray());

        assertEquals(200, spec.statusCode());
        assertEquals(
                "application/yaml; charset=utf-8",
                spec.headers().firstValue("content-type").orElseThrow());
        assertArrayEquals(Files.readAllBytes(RepoFiles.root().resolve("openapi.yaml")), spec.body());
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "GET, /_docs/nothing.js",
        "GET, /_docs/swagger-ui.css.gz",
        "GET, /_docs/sub/swagger-ui.css",
        "GET, /_docs/META-INF",
        "GET, /_docs/.hidden",
        "GET, /_docsx",
        "GET, /_openapi.json",
        "POST, /_docs",
        "DELETE, /_openapi.yaml"
    })
    void unknownDocsFile_isApiGatewaysNotFound(String method, String path) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(server(path))
                        .method(method, HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(404, response.statusCode());
        assertEquals(
                "application/json",
                response.headers().firstValue("content-type").orElseThrow());
        assertEquals("{\"message\":\"Not Found\"}", response.body());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(request(path), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest request(String path) {
        return HttpRequest.newBuilder(server(path)).GET().build();
    }

    private static URI server(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }
}
