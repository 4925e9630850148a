package dev.shopfront.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.zip.CRC32C;

/**
 * {@code mvn -Pstart}'s entry (and the local API benchmark's): runs {@link Main} in a JVM of its own from
 * a copy of this jar named by its content, with an ahead-of-time cache (JDK 25, JEP 483 and 515) of the
 * classes, links and profiles a start uses. The cache is written by the first start of each build, as it
 * stops, and used by every later start of the same content; {@code mvn package} rewrites the jar each
 * time, and a cache or class data archive kept beside it would be stale after every build, so the JVM
 * would silently run without it (BENCHMARKS.md, docs/decisions.md).
 */
public final class Launcher {
    /** The Launcher's process id, given to the local API's JVM so it can stop when the Launcher is gone. */
    static final String PARENT_PROPERTY = "shopfront.local.launcher";

    /**
     * Set by {@code mvn -Pstart} (local/pom.xml): the Launcher stops, as on Ctrl-C, when the process that
     * started it ends. Maven ended by a plain kill leaves the processes it started running (the exec plugin
     * does not stop them), and they would go on holding the ports and the data folder.
     */
    static final String STOP_WITH_PARENT_PROPERTY = "shopfront.local.stopWithParent";

    private Launcher() {}

    public static void main(String[] args) throws IOException, InterruptedException, URISyntaxException {
        Path jar = Path.of(Launcher.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        Path runs = jar.resolveSibling("run");
        String name = "shopfront-local-" + contentId(jar);
        Path copy = runs.resolve(name + ".jar");
        Path cache = runs.resolve(name + ".aot");
        if (!Files.isRegularFile(copy)) {
            Files.createDirectories(runs);
            removeOtherBuilds(runs, name);
            Path partial = Files.createTempFile(runs, name, ".part");
            Files.copy(jar, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, copy, StandardCopyOption.ATOMIC_MOVE);
        }
        boolean cached = Files.isRegularFile(cache);
        if (!cached) {
            System.out.println("[local] this build's first start: its start-up cache is written when it stops");
        }
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                // ElasticMQ's Pekko uses sun.misc.Unsafe: allowed, so JDK 25 prints no warning at start.
                "--sun-misc-unsafe-memory-access=allow",
                // The cache's own notes and warnings (classes it leaves out, such as the functions' own class
                // loaders', or code stubs it regenerates) are noise to someone starting the local API.
                "-Xlog:aot*=off",
                "-Xlog:cds*=off",
                cached ? "-XX:AOTCache=" + cache : "-XX:AOTCacheOutput=" + cache,
                "-D" + PARENT_PROPERTY + "=" + ProcessHandle.current().pid(),
                "-jar",
                copy.toString()));
        command.addAll(List.of(args));
        // The local API's output passes through this JVM rather than going straight to this one's streams: when
        // Maven, which reads them through pipes, is ended by a plain kill, writing to them would fail, and the JVM
        // that assembles the cache as the local API stops dies of it on its first line (SIGPIPE, before it can
        // ignore it): no cache. Copied here, the output is dropped once nobody reads it, and the cache is written.
        Process api = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.INHERIT)
                .start();
        List<Thread> relays = List.of(
                relay(api.getInputStream(), System.out, "local-api-stdout"),
                relay(api.getErrorStream(), System.err, "local-api-stderr"));
        // Ctrl-C reaches both JVMs (one process group): the local API stops itself and this one waits for
        // it, so the cache is complete before the command returns. A plain kill of this JVM stops it too; a
        // forcible one runs no hook, and the local API then stops itself (Main.stopWithTheLauncher).
        Thread waiting = new Thread(
                () -> {
                    // Through its handle: Process.destroy() would also close the pipes of its output.
                    api.toHandle().destroy();
                    try {
                        api.waitFor();
                        awaitAll(relays);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "local-api-wait");
        Runtime.getRuntime().addShutdownHook(waiting);
        if (Boolean.getBoolean(STOP_WITH_PARENT_PROPERTY)) {
            exitWhenEnded(ProcessHandle.current().parent(), "the process that started the Launcher has ended");
        }
        int exit = api.waitFor();
        awaitAll(relays);
        try {
            Runtime.getRuntime().removeShutdownHook(waiting);
        } catch (IllegalStateException shuttingDown) {
            return; // stopped by a signal: the hook waits for the local API, and this JVM ends after it
        }
        System.exit(exit);
    }

    /**
     * Exits this JVM, so that its shutdown hooks run, once {@code process} has ended (at once if it
     * already has or was never there): the Launcher when Maven is gone, the local API when the Launcher is.
     */
    static void exitWhenEnded(Optional<ProcessHandle> process, String why) {
        process.map(ProcessHandle::onExit)
                .orElse(CompletableFuture.completedFuture(null))
                .thenRun(() -> {
                    System.err.println("[local] " + why + ": stopping");
                    System.exit(1);
                });
    }

    /**
     * Copies {@code from} to {@code to} until its end, on a thread of its own, flushing each read so lines appear as
     * they are written. A {@link PrintStream} never throws: once nobody reads {@code to}, the rest is dropped.
     */
    private static Thread relay(InputStream from, PrintStream to, String name) {
        return Thread.ofPlatform().name(name).daemon().start(() -> {
            byte[] buffer = new byte[8192];
            try (from) {
                for (int read; (read = from.read(buffer)) > 0; ) {
                    to.write(buffer, 0, read);
                    to.flush();
                }
            } catch (IOException ended) {
                // The local API's end of the pipe is gone: nothing more to copy.
            }
        });
    }

    /** Waits up to 10 s for each relay to reach its end (the cache's assembly, run last, writes to them too). */
    private static void awaitAll(List<Thread> relays) throws InterruptedException {
        for (Thread relay : relays) {
            relay.join(Duration.ofSeconds(10));
        }
    }

    /** Size and CRC-32C of the jar: the same content gives the same id whatever its file date. */
    private static String contentId(Path jar) throws IOException {
        CRC32C crc = new CRC32C();
        byte[] buffer = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(jar)) {
            for (int read; (read = in.read(buffer)) > 0; ) {
                crc.update(buffer, 0, read);
            }
        }
        return Long.toHexString(Files.size(jar)) + "-" + Long.toHexString(crc.getValue());
    }

    /** Copies and caches of earlier builds: each is as big as the jar, and nothing starts them again. */
    private static void removeOtherBuilds(Path runs, String keep) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(runs, "shopfront-local-*")) {
            for (Path file : files) {
                if (!file.getFileName().toString().startsWith(keep)) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }
}
