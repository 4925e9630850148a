package dev.shopfront.devkit;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the repository root: the nearest folder at or above the working directory holding template.yaml. */
public final class RepoRoot {
    private RepoRoot() {}

    public static Path find() {
        return findFrom(Path.of("").toAbsolutePath());
    }

    public static Path findFrom(Path start) {
        for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("template.yaml")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("No template.yaml found at or above " + start.toAbsolutePath()
                + ": run from inside the Shopfront repository");
    }
}
