package dev.shopfront.local;

import dev.shopfront.devkit.ChildProcess;
import dev.shopfront.devkit.RepoRoot;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * dynamodb-admin, a web page to browse and edit the local tables ({@code --admin}): a Node process the
 * build installs from package-lock.json, started against the local API's DynamoDB endpoint and stopped
 * with it.
 */
final class TableBrowser implements AutoCloseable {
    /** dynamodb-admin's own default port. */
    static final int DEFAULT_PORT = 8001;

    private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");
    private static final long START_TIMEOUT_SECONDS = 30;

    private final Process process;
    private final URI url;

    private TableBrowser(Process process, URI url) {
        this.process = process;
        this.url = url;
    }

    /**
     * Starts dynamodb-admin on 127.0.0.1:{@code port} (0 for a free one) against {@code dynamoDb}; returns
     * once it serves.
     */
    static TableBrowser start(URI dynamoDb, int port) {
        Path cli = RepoRoot.find().resolve("node_modules/dynamodb-admin/dist/dynamodb-admin.js");
        if (!Files.isRegularFile(cli)) {
            throw new IllegalStateException("dynamodb-admin is not installed at " + cli
                    + ": run `mvn -q generate-resources -pl devkit` (it runs npm ci from package-lock.json)");
        }
        String node = ChildProcess.nodeExecutable();
        ProcessBuilder builder = new ProcessBuilder(ChildProcess.node(
                        cli,
                        "--host",
                        "127.0.0.1",
                        "--port",
                        Integer.toString(port),
                        "--dynamo-endpoint",
                        dynamoDb.toString()))
                .redirectErrorStream(true);
        // Local servers take any credentials; these keep it from looking for real ones.
        builder.environment().put("AWS_REGION", "us-east-1");
        builder.environment().put("AWS_ACCESS_KEY_ID", "local");
        builder.environment().put("AWS_SECRET_ACCESS_KEY", "local");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException(
                    "Cannot start Node.js (" + node + ") for dynamodb-admin: install Node 20 or newer", e);
        }
        CompletableFuture<URI> listening = new CompletableFuture<>();
        StringBuilder said = new StringBuilder();
        Thread.ofVirtual().name("dynamodb-admin-output").start(() -> {
            try (BufferedReader lines =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    Matcher matcher = LISTENING.matcher(line);
                    if (matcher.find()) {
                        listening.complete(URI.create(matcher.group(1)));
                    } else if (!listening.isDone()) {
                        said.append(line).append('\n');
                    }
                }
            } catch (IOException e) {
                // The stream closes when the process ends; the exit is reported below.
            }
            listening.completeExceptionally(new IllegalStateException("dynamodb-admin exited"));
        });
        try {
            return new TableBrowser(process, listening.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS));
        } catch (ExecutionException | TimeoutException e) {
            ChildProcess.stop(process);
            String hint = said.indexOf("EADDRINUSE") >= 0
                    ? "port " + port + " is in use: start with --admin-port <another>"
                    : "its output:";
            throw new IllegalStateException(
                    "dynamodb-admin did not start on 127.0.0.1:" + port + " (" + hint + ")\n" + said, e);
        } catch (InterruptedException e) {
            ChildProcess.stop(process);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting dynamodb-admin", e);
        }
    }

    URI url() {
        return url;
    }

    @Override
    public void close() {
        ChildProcess.stop(process);
    }
}
