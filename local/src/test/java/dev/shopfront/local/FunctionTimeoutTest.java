package dev.shopfront.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shopfront.devkit.RepoRoot;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A function's Timeout and its route's integration timeout, enforced as Lambda and API Gateway enforce them. */
class FunctionTimeoutTest {
    /** Sleeps for the milliseconds its request body names, then answers 200 "slept". */
    private static final String SLEEPING_HANDLER = """
        package dev.shopfront.users;

        import com.amazonaws.services.lambda.runtime.Context;
        import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
        import java.io.InputStream;
        import java.io.OutputStream;
        import java.nio.charset.StandardCharsets;
        import java.util.regex.Matcher;
        import java.util.regex.Pattern;

        public final class CreateUserHandler implements RequestStreamHandler {
            private static final Pattern SLEEP = Pattern.compile("\\"body\\":\\"(\\\\d+)\\"");

            @Override
            public void handleRequest(InputStream in, OutputStream out, Context context) throws java.io.IOException {
                Matcher sleep = SLEEP.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                try {
                    Thread.sleep(sleep.find() ? Long.parseLong(sleep.group(1)) : 0);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                out.write("{\\"statusCode\\":200,\\"body\\":\\"slept\\"}".getBytes());
            }
        }
        """;

    private static final String HANDLER_LINE = "Handler: dev.shopfront.users.CreateUserHandler::handleRequest";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void functionPastItsTimeout_isAbandoned_andAnswered500AsApiGatewayDoes(@TempDir Path folder) throws Exception {
        // given: POST /users runs a handler that sleeps, with Timeout: 2
        Path template = template(folder, "Timeout: 2\n      " + HANDLER_LINE, "");
        try (LocalApi api = LocalApi.start(new LocalOptions(0, 0, 0, null, null, template))) {
            assertEquals(200, sleep(api, 0).statusCode(), "warm");

            // when: it sleeps past its timeout
            long started = System.nanoTime();
            HttpResponse<String> timedOut = sleep(api, 20_000);
            long millis = (System.nanoTime() - started) / 1_000_000;

            // then: abandoned at 2 s; a Lambda timeout is a function error, which API Gateway answers 500
            assertEquals(500, timedOut.statusCode());
            assertEquals("{\"message\":\"Internal Server Error\"}", timedOut.body());
            assertEquals(
                    "application/json",
                    timedOut.headers().firstValue("content-type").orElseThrow());
            assertTrue(millis >= 2_000 && millis < 5_000, "answered at the 2 s timeout, not after " + millis + " ms");
            // and the next invocation runs (in a fresh environment, as after a Lambda timeout)
            HttpResponse<String> next = sleep(api, 0);
            assertEquals(200, next.statusCode());
            assertEquals("slept", next.body());
        }
    }

    @Test
    void routeIntegrationTimeoutBeforeTheFunctions_isApiGateways503ServiceUnavailable(@TempDir Path folder)
            throws Exception {
        // given: the function may run 10 s, but API Gateway waits 1 s for it (TimeoutInMillis)
        Path template = template(folder, "Timeout: 10\n      " + HANDLER_LINE, "            TimeoutInMillis: 1000\n");
        try (LocalApi api = LocalApi.start(new LocalOptions(0, 0, 0, null, null, template))) {
            assertEquals(200, sleep(api, 0).statusCode(), "warm");

            long started = System.nanoTime();
            HttpResponse<String> response = sleep(api, 3_000);
            long millis = (System.nanoTime() - started) / 1_000_000;

            assertEquals(503, response.statusCode());
            assertEquals("{\"message\":\"Service Unavailable\"}", response.body());
            assertTrue(
                    millis >= 1_000 && millis < 2_900,
                    "answered at the 1 s integration timeout, not after " + millis + " ms");
        }
    }

    private static HttpResponse<String> sleep(LocalApi api, long millis) throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(api.url().resolve("/users"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "text/plain")
                        .POST(HttpRequest.BodyPublishers.ofString(Long.toString(millis)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The repository template with CreateUserFunction run from a sleeping handler's artifact. */
    private static Path template(Path folder, String handler, String createUserEventExtra) throws IOException {
        Path users = RepoRoot.find().resolve("functions/users/target/users.jar");
        Path artifact = withSleepingHandler(users, folder.resolve("build"));
        Path template = TemporaryTemplate.write(
                folder,
                "CodeUri: " + RepoRoot.find().resolve("functions") + "/users/target/users.jar\n      " + HANDLER_LINE,
                "CodeUri: " + artifact + "\n      " + handler);
        if (!createUserEventExtra.isEmpty()) {
            String text = Files.readString(template);
            String event = "            Method: POST\n            Path: /users\n";
            assertTrue(text.contains(event));
            Files.writeString(template, text.replace(event, event + createUserEventExtra));
        }
        return template;
    }

    private static Path withSleepingHandler(Path original, Path build) throws IOException {
        Path sources = Files.createDirectories(build.resolve("src/dev/shopfront/users"));
        Path classes = Files.createDirectories(build.resolve("classes"));
        Files.writeString(sources.resolve("CreateUserHandler.java"), SLEEPING_HANDLER);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertEquals(
                0,
                javac.run(
                        null,
                        null,
                        null,
                        "-classpath",
                        original.toString(),
                        "-d",
                        classes.toString(),
                        sources.resolve("CreateUserHandler.java").toString()),
                "javac failed");
        String replaced = "dev/shopfront/users/CreateUserHandler.class";
        Path jar = build.resolve("users.jar");
        try (JarFile in = new JarFile(original.toFile());
                OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file)) {
            for (Enumeration<JarEntry> entries = in.entries(); entries.hasMoreElements(); ) {
                JarEntry entry = entries.nextElement();
                if (!entry.getName().equals(replaced)) {
                    out.putNextEntry(new JarEntry(entry.getName()));
                    try (InputStream content = in.getInputStream(entry)) {
                        content.transferTo(out);
                    }
                    out.closeEntry();
                }
            }
            out.putNextEntry(new JarEntry(replaced));
            out.write(Files.readAllBytes(classes.resolve(replaced)));
            out.closeEntry();
        }
        return jar;
    }
}
