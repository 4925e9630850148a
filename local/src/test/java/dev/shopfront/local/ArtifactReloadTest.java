package dev.shopfront.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shopfront.devkit.RepoRoot;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** After `mvn package` rewrites an artifact, the next request runs the new code: no restart. */
class ArtifactReloadTest {
    private static final String REBUILT_HANDLER = """
        package dev.shopfront.users;

        import com.amazonaws.services.lambda.runtime.Context;
        import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
        import java.io.InputStream;
        import java.io.OutputStream;

        public final class CreateUserHandler implements RequestStreamHandler {
            @Override
            public void handleRequest(InputStream in, OutputStream out, Context context) throws java.io.IOException {
                out.write("{\\"statusCode\\":200,\\"body\\":\\"rebuilt\\"}".getBytes());
            }
        }
        """;

    @Test
    void rebuiltArtifact_answersTheNextRequest(@TempDir Path folder) throws Exception {
        // given: a template whose users functions run from a copy of the built artifact
        Path users = RepoRoot.find().resolve("functions/users/target/users.jar");
        Path artifact = folder.resolve("users.jar");
        Files.copy(users, artifact);
        Path template = TemporaryTemplate.write(
                folder,
                "CodeUri: " + RepoRoot.find().resolve("functions") + "/users/target/users.jar",
                "CodeUri: " + artifact);
        Path rebuilt = rebuildWithNewCreateUserHandler(users, folder.resolve("build"));

        try (LocalApi api = LocalApi.start(new LocalOptions(0, 0, 0, null, null, template))) {
            // an empty body: the built CreateUserHandler answers 400
            assertEquals(400, post(api, "/users").statusCode());

            // when: the artifact is replaced on disk, as `mvn package` does
            Files.copy(rebuilt, artifact, StandardCopyOption.REPLACE_EXISTING);
            Files.setLastModifiedTime(artifact, FileTime.fromMillis(System.currentTimeMillis() + 5_000));

            // then
            HttpResponse<String> response = post(api, "/users");
            assertEquals(200, response.statusCode());
            assertEquals("rebuilt", response.body());
        }
    }

    private static HttpResponse<String> post(LocalApi api, String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(api.url() + path))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    /** The users artifact with CreateUserHandler (a public route) recompiled to answer differently. */
    private static Path rebuildWithNewCreateUserHandler(Path original, Path build) throws IOException {
        Path sources = Files.createDirectories(build.resolve("src/dev/shopfront/users"));
        Path classes = Files.createDirectories(build.resolve("classes"));
        Files.writeString(sources.resolve("CreateUserHandler.java"), REBUILT_HANDLER);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int exit = javac.run(
                null,
                null,
                null,
                "-classpath",
                original.toString(),
                "-d",
                classes.toString(),
                sources.resolve("CreateUserHandler.java").toString());
        assertEquals(0, exit, "javac failed");

        String replaced = "dev/shopfront/users/CreateUserHandler.class";
        Path jar = build.resolve("users.jar");
        try (JarFile in = new JarFile(original.toFile());
                OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file)) {
            for (Enumeration<JarEntry> entries = in.entries(); entries.hasMoreElements(); ) {
                JarEntry entry = entries.nextElement();
                if (entry.getName().equals(replaced)) {
                    continue;
                }
                out.putNextEntry(new JarEntry(entry.getName()));
                try (InputStream content = in.getInputStream(entry)) {
                    content.transferTo(out);
                }
                out.closeEntry();
            }
            out.putNextEntry(new JarEntry(replaced));
            out.write(Files.readAllBytes(classes.resolve(replaced)));
            out.closeEntry();
        }
        return jar;
    }
}
