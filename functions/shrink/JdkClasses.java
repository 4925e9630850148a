import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes the class files of the JDK modules a function's libraries use to a folder, for ProGuard
 * to read as its library (functions/shrink/lambda-shrink.pro). ProGuard reads jmods, and JDK 25
 * builds such as Temurin ship none: the classes come from the running JDK's run-time image.
 * Run with the build's JDK 25: {@code java functions/shrink/JdkClasses.java <folder>}.
 */
public final class JdkClasses {
    private static final List<String> MODULES = List.of(
            "java.base",
            "java.logging",
            "java.sql",
            "java.xml",
            "java.naming",
            "java.management",
            "java.net.http",
            "java.desktop",
            "jdk.unsupported",
            "java.instrument",
            "java.scripting",
            "java.transaction.xa",
            "jdk.crypto.ec");

    private JdkClasses() {}

    public static void main(String[] args) throws IOException {
        Path target = Path.of(args[0]);
        Path done = target.resolve(".complete-" + Runtime.version().feature());
        if (Files.exists(done)) {
            return; // written by an earlier build with the same JDK feature release
        }
        FileSystem image = FileSystems.getFileSystem(URI.create("jrt:/"));
        for (String module : MODULES) {
            Path root = image.getPath("/modules", module);
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
                    Path copy =
                            target.resolve(module).resolve(root.relativize(file).toString());
                    Files.createDirectories(copy.getParent());
                    Files.copy(file, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        Files.createFile(done);
    }
}
