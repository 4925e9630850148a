package dev.shopfront.local;

import dev.shopfront.devkit.RepoRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A copy of the repository's template.yaml in a temporary folder, edited for one test. */
final class TemporaryTemplate {
    private TemporaryTemplate() {}

    /**
     * Writes the repository template with {@code target} replaced by {@code replacement}; relative
     * CodeUris are made absolute so the copy still finds the built artifacts.
     */
    static Path write(Path folder, String target, String replacement) throws IOException {
        Path root = RepoRoot.find();
        String text = Files.readString(root.resolve("template.yaml"))
                .replace("CodeUri: functions/", "CodeUri: " + root.resolve("functions") + "/");
        if (!target.isEmpty()) {
            if (!text.contains(target)) {
                throw new IllegalArgumentException("template.yaml has no '" + target + "'");
            }
            text = text.replace(target, replacement);
        }
        Path template = folder.resolve("template.yaml");
        Files.writeString(template, text);
        return template;
    }
}
