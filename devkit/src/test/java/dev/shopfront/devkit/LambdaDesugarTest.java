package dev.shopfront.devkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * functions/shrink/Desugar.java, run as the build runs it, on a jar holding every shape of lambda site
 * the metafactory adapts (src/test/resources/desugar), compiled for Java 8 as the libraries are and for
 * Java 25 as the project is. The rewritten jar must answer exactly as javac's, with its lambdas read from
 * the jar instead of spun at run time.
 */
class LambdaDesugarTest {
    private static final List<String> ANSWERS = List.of(
            "length 4",
            "twice 42",
            "secret px",
            "primitives 7/1099511627776/0.5/z/true/-3",
            "constructor 0",
            "unboxed 5",
            "widened 6",
            "widening 3",
            "marked ran",
            "marker true",
            "shout hey! bridge!",
            "sink",
            "concat ab",
            "sorted [a, bb, ccc]",
            "same constant true",
            "interface helper!",
            "unboxed returns 5 12 4",
            "private field p",
            "of0 null",
            "serializable p");
    private static final String HOSTS = "# the sample's classes\nsample.Shapes\nsample.Shapes$Helper\n";

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"8", "25"})
    void aListedClass_answersAsCompiled_withItsLambdasReadFromTheJar_butTheSerializableOne(String release)
            throws Exception {
        Path compiled = compile(release);
        Path rewritten = desugar(compiled, HOSTS);

        Sample before = Sample.run(compiled);
        Sample after = Sample.run(rewritten);

        assertEquals(ANSWERS, before.answers());
        assertEquals(ANSWERS, after.answers());
        assertTrue(before.spun().stream().allMatch(Class::isHidden), "javac's jar spins every lambda");
        List<Class<?>> spun = after.spun();
        assertTrue(spun.getLast().isHidden(), "a serializable lambda is left to the metafactory");
        for (Class<?> lambda : spun.subList(0, spun.size() - 1)) {
            assertFalse(lambda.isHidden(), lambda + " was spun");
            assertTrue(lambda.getName().contains("$$Lambda$"), lambda.getName());
        }
    }

    @Test
    void aClassNotListed_orListedWithFewOfItsLambdasUsed_keepsItsLambdas_andAJarWithNothingListedIsCopiedAsItWas()
            throws Exception {
        Path compiled = compile("25");

        Path untouched = desugar(compiled, "sample.Other\n");
        Path fewUsed = desugar(compiled, "sample.Shapes 1\n"); // one of its many sites
        Path none = desugar(compiled, null);

        assertEquals(-1, Files.mismatch(compiled, untouched));
        assertEquals(-1, Files.mismatch(compiled, fewUsed));
        assertEquals(-1, Files.mismatch(compiled, none));
        assertTrue(Sample.run(untouched).spun().stream().allMatch(Class::isHidden));
    }

    @Test
    void theLambdasOfOneInterface_shareOneClass_andEveryEntryCarriesItsSizes() throws Exception {
        Path rewritten = desugar(compile("25"), HOSTS);

        List<String> written;
        try (ZipFile jar = new ZipFile(rewritten.toFile())) {
            written = jar.stream()
                    .map(ZipEntry::getName)
                    .filter(name -> name.contains("$$Lambda$"))
                    .map(name ->
                            name.substring(0, name.length() - ".class".length()).replace('/', '.'))
                    .toList();
        }
        try (URLClassLoader loader =
                new URLClassLoader(new URL[] {rewritten.toUri().toURL()}, null)) {
            List<String> suppliers = new ArrayList<>();
            for (String name : written) {
                if (List.of(Class.forName(name, false, loader).getInterfaces()).contains(Supplier.class)) {
                    suppliers.add(name);
                }
            }
            // Shapes: the primitives', the constructor's and constant()'s; the interface's its own.
            assertEquals(2, suppliers.size(), suppliers.toString());
            assertTrue(
                    suppliers.stream().anyMatch(name -> name.startsWith("sample.Shapes$$Lambda$")),
                    suppliers.toString());
            assertTrue(suppliers.contains("sample.Shapes$Helper$$Lambda$0"), suppliers.toString());
        }
        byte[] bytes = Files.readAllBytes(rewritten);
        // General-purpose flag bit 3 (sizes in a trailing data descriptor) is clear in every local header.
        for (int at = 0; at + 8 < bytes.length; at++) {
            if (bytes[at] == 'P' && bytes[at + 1] == 'K' && bytes[at + 2] == 3 && bytes[at + 3] == 4) {
                assertEquals(0, bytes[at + 6] & 8, "entry at " + at + " streams its sizes after its data");
            }
        }
    }

    private Path compile(String release) throws IOException {
        Path source = RepoRoot.find().resolve("devkit/src/test/resources/desugar/sample/Shapes.java");
        Path classes = Files.createDirectories(dir.resolve("classes-" + release));
        int status = ToolProvider.getSystemJavaCompiler()
                .run(
                        null,
                        null,
                        null,
                        "--release",
                        release,
                        "-Xlint:-options",
                        "-d",
                        classes.toString(),
                        source.toString());
        assertEquals(0, status, "javac --release " + release);
        Path jar = dir.resolve("compiled-" + release + ".jar");
        try (OutputStream file = Files.newOutputStream(jar);
                ZipOutputStream zip = new ZipOutputStream(file);
                Stream<Path> files = Files.walk(classes)) {
            for (Path compiled : files.filter(Files::isRegularFile).sorted().toList()) {
                zip.putNextEntry(
                        new ZipEntry(classes.relativize(compiled).toString().replace('\\', '/')));
                zip.write(Files.readAllBytes(compiled));
                zip.closeEntry();
            }
        }
        return jar;
    }

    /** Runs the tool as the build's lambda-desugar execution does; a null list is the build's "none". */
    private Path desugar(Path jar, String hosts) throws Exception {
        String list = "none";
        if (hosts != null) {
            list = Files.writeString(Files.createTempFile(dir, "hosts", ".txt"), hosts)
                    .toString();
        }
        Path out = Files.createTempFile(dir, "rewritten", ".jar");
        Process process = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        RepoRoot.find().resolve("functions/shrink/Desugar.java").toString(),
                        jar.toString(),
                        out.toString(),
                        list)
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), output);
        return out;
    }

    /** The sample's answers and the classes of the lambdas it made, from a class loader of its own. */
    private record Sample(List<String> answers, List<Class<?>> spun) {
        @SuppressWarnings("unchecked")
        static Sample run(Path jar) throws Exception {
            try (URLClassLoader loader =
                    new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
                Class<?> shapes = Class.forName("sample.Shapes", true, loader);
                Object sample = shapes.getConstructor(String.class).newInstance("p");
                List<String> answers =
                        (List<String>) shapes.getMethod("results").invoke(sample);
                List<Class<?>> spun = new ArrayList<>();
                for (Object lambda : (List<Object>) shapes.getMethod("lambdas").invoke(sample)) {
                    spun.add(lambda.getClass());
                }
                return new Sample(answers, spun);
            }
        }
    }
}
