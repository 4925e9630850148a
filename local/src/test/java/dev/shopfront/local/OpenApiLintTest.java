package dev.shopfront.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * openapi.yaml lints clean with Redocly CLI's recommended rules: the CLI the build installs from
 * package-lock.json (with dynalite), run by node as a developer would run {@code npx redocly lint}.
 */
class OpenApiLintTest {
    @Test
    void openApi_hasNoRedoclyErrorOrWarning() throws Exception {
        Path root = RepoFiles.root();
        Path cli = root.resolve("node_modules/@redocly/cli/bin/cli.js");
        assertTrue(
                Files.isRegularFile(cli),
                cli + " is missing: the build installs it from package-lock.json (devkit runs npm ci)");
        String node = System.getenv().getOrDefault("SHOPFRONT_NODE", "node");
        ProcessBuilder lint = new ProcessBuilder(node, cli.toString(), "lint", "openapi.yaml", "--format=json")
                .directory(root.toFile());
        // No usage reports or update checks: the build runs offline.
        lint.environment().put("REDOCLY_TELEMETRY", "off");
        lint.environment().put("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true");
        Process process = lint.start();
        CompletableFuture<String> errors = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        String output = read(process.getInputStream());
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "redocly lint did not finish within 120 s");

        assertEquals(0, process.exitValue(), output + errors.join());
        JsonNode report = RepoFiles.JSON.readTree(output);
        assertEquals(0, report.path("totals").path("errors").asInt(-1), report.toPrettyString());
        assertEquals(0, report.path("totals").path("warnings").asInt(-1), report.toPrettyString());
    }

    private static String read(java.io.InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
