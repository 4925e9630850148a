import com.palantir.javaformat.java.Formatter;
import com.palantir.javaformat.java.FormatterException;
import com.palantir.javaformat.java.JavaFormatterOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Checks or applies palantir-java-format to every {@code .java} file under the repository (the build's
 * {@code format-check} execution, docs/decisions.md). Run by the JDK 25 toolchain, not Maven's JVM: the
 * formatter parses with the running JDK's compiler, and Maven's may be too old for the code's syntax.
 * Files formatted once are remembered by content hash in {@code target/format-index}, so a build checks
 * only what changed since.
 *
 * <p>{@code java -cp <formatter class path> devkit/format/JavaFormat.java check|apply <repository>}
 */
public final class JavaFormat {
    private static final Set<String> SKIPPED = Set.of("target", "node_modules", ".git", ".shopfront");

    private JavaFormat() {}

    public static void main(String[] args) throws IOException {
        boolean apply = args[0].equals("apply");
        Path root = Path.of(args[1]).toAbsolutePath().normalize();
        Path index = root.resolve("target/format-index");
        Set<String> formatted = ConcurrentHashMap.newKeySet();
        if (Files.isRegularFile(index)) {
            formatted.addAll(Files.readAllLines(index));
        }
        Formatter formatter = Formatter.createFormatter(JavaFormatterOptions.builder()
                .style(JavaFormatterOptions.Style.PALANTIR)
                .build());
        Set<String> unformatted = new TreeSet<>();
        List<String> failures = new ArrayList<>();
        sources(root).parallel().forEach(file -> {
            try {
                String source = Files.readString(file);
                String hash = sha256(source);
                if (formatted.contains(hash)) {
                    return;
                }
                String result = formatter.formatSourceAndFixImports(source);
                if (result.equals(source)) {
                    formatted.add(hash);
                } else if (apply) {
                    Files.writeString(file, result);
                    formatted.add(sha256(result));
                } else {
                    synchronized (unformatted) {
                        unformatted.add(root.relativize(file).toString());
                    }
                }
            } catch (FormatterException e) {
                synchronized (failures) {
                    failures.add(root.relativize(file) + ": " + e.getMessage());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        Files.createDirectories(index.getParent());
        Files.write(index, new TreeSet<>(formatted));
        if (!failures.isEmpty()) {
            failures.forEach(System.err::println);
            System.exit(1);
        }
        if (!unformatted.isEmpty()) {
            System.err.println("Not formatted (palantir-java-format): " + String.join(", ", unformatted));
            System.err.println("Format them with: mvn -N -Pformat validate");
            System.exit(1);
        }
    }

    private static Stream<Path> sources(Path root) throws IOException {
        List<Path> files = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                return SKIPPED.contains(dir.getFileName().toString())
                        ? FileVisitResult.SKIP_SUBTREE
                        : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (file.getFileName().toString().endsWith(".java")) {
                    files.add(file);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return files.stream();
    }

    private static String sha256(String source) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(source.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
