package dev.shopfront.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.shopfront.devkit.RepoRoot;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Reads the repository's own files (openapi.yaml, events/) and this module's test resources as JSON trees. */
final class RepoFiles {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private RepoFiles() {}

    static Path root() {
        return RepoRoot.find();
    }

    static JsonNode json(Path file) {
        return read(JSON, file);
    }

    static JsonNode yaml(Path file) {
        return read(YAML, file);
    }

    static JsonNode openApi() {
        return yaml(root().resolve("openapi.yaml"));
    }

    /** A JSON test resource, such as {@code sam/policy_templates.json}. */
    static JsonNode resource(String name) {
        try (InputStream in = RepoFiles.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("No test resource " + name);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read test resource " + name, e);
        }
    }

    private static JsonNode read(ObjectMapper mapper, Path file) {
        try {
            return mapper.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }
}
