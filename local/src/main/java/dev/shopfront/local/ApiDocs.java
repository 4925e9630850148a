package dev.shopfront.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The local API's interactive docs: Swagger UI for the repository's {@code openapi.yaml} at
 * {@value #PAGE}, its files served from the swagger-ui webjar on the classpath (so it works offline),
 * and the file itself at {@value #SPEC}. The router asks it only for requests no template route
 * takes, so it never shadows one.
 */
final class ApiDocs {
    static final String PAGE = "/_docs";
    static final String SPEC = "/_openapi.yaml";
    /** This page and its initializer replace the webjar's own, which show the Petstore example. */
    private static final String OWN_FILES = "dev/shopfront/local/docs/";
    /** Written by the build (resource filtering): the shaded jar keeps no webjar's Maven metadata. */
    private static final String WEBJAR_PROPERTIES = OWN_FILES + "swagger-ui.properties";

    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "png", "image/png",
            "map", "application/json",
            "txt", "text/plain; charset=utf-8");

    private final Path openApi;
    private final String webjar;

    /** @param openApi the openapi.yaml to serve, read at each request so an edit shows on reload */
    ApiDocs(Path openApi) {
        this.openApi = openApi;
        this.webjar = "META-INF/resources/webjars/swagger-ui/" + webjarVersion() + "/";
    }

    /** The answer to a request for the docs, or null when the request is not for them. */
    OutgoingResponse answer(IncomingRequest request) {
        if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
            return null;
        }
        String path = request.rawPath();
        if (path.equals(SPEC)) {
            return spec();
        }
        if (path.equals(PAGE) || path.equals(PAGE + "/") || path.equals(PAGE + "/index.html")) {
            return file(OWN_FILES + "index.html", "index.html");
        }
        if (!path.startsWith(PAGE + "/")) {
            return null;
        }
        String name = path.substring(PAGE.length() + 1);
        // One file name of the webjar's folder: no sub-folders, so no way out of it.
        if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.startsWith(".")) {
            return OutgoingResponse.message(404, "Not Found");
        }
        if (name.equals("swagger-initializer.js")) {
            return file(OWN_FILES + name, name);
        }
        return file(webjar + name, name);
    }

    private OutgoingResponse spec() {
        try {
            return ok(Files.readAllBytes(openApi), "application/yaml; charset=utf-8");
        } catch (NoSuchFileException e) {
            return OutgoingResponse.message(404, "Not Found");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + openApi, e);
        }
    }

    private static OutgoingResponse file(String resource, String name) {
        String type = CONTENT_TYPES.get(name.substring(name.lastIndexOf('.') + 1));
        if (type == null) {
            return OutgoingResponse.message(404, "Not Found");
        }
        try (InputStream in = ApiDocs.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return OutgoingResponse.message(404, "Not Found");
            }
            return ok(in.readAllBytes(), type);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }

    private static OutgoingResponse ok(byte[] body, String type) {
        // Local docs change with the working tree: the browser asks again each time.
        return new OutgoingResponse(
                200, Map.of("content-type", List.of(type), "cache-control", List.of("no-cache")), body);
    }

    /** The webjar's files sit under its version: read from what the build wrote, so a version bump needs no code change. */
    private static String webjarVersion() {
        try (InputStream in = ApiDocs.class.getClassLoader().getResourceAsStream(WEBJAR_PROPERTIES)) {
            if (in == null) {
                throw new IllegalStateException(
                        "No " + WEBJAR_PROPERTIES + " on the classpath: build the local API with Maven");
            }
            Properties properties = new Properties();
            properties.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + WEBJAR_PROPERTIES, e);
        }
    }
}
