package dev.shopfront.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;

/**
 * The libraries of each artifact (the SDK, its HTTP client, Jackson, the validator), loaded once for all
 * the functions whose CodeUri names it; each function still loads Shopfront's own classes ({@value
 * #OWN_PACKAGE}*) from the same jar in a class loader of its own, so its configuration, clients and
 * handler are its own. 16 functions share 4 artifacts: with a copy of the libraries per function, the
 * background warming loaded the SDK 16 times over on 2 cores and took 1.7 times as long, and the first
 * request after the ready line 1.5 times (BENCHMARKS.md, "One copy of the libraries per artifact"). The
 * classes are the artifact's own bytes, shrunk as deployed: nothing of the local API's own classpath is
 * used.
 */
final class ArtifactLibraries implements AutoCloseable {
    /** Shopfront's classes: loaded per function, never shared. */
    static final String OWN_PACKAGE = "dev.shopfront.";

    private final Path copies;
    private final Map<Key, Shared> shared = new HashMap<>();

    /** @param copies where the artifacts are copied to be run: `mvn package` may rewrite an artifact being read */
    ArtifactLibraries(Path copies) {
        this.copies = copies;
    }

    /**
     * The libraries of this build of the artifact, loaded when the first function asks for them. Each
     * lease is given back with {@link Lease#close()}; the last one closes the loader.
     *
     * @param modified the artifact's modification time, which with its size names this build
     */
    synchronized Lease lease(Path artifact, long modified, long size) {
        Shared libraries = shared.computeIfAbsent(new Key(artifact, modified, size), this::load);
        libraries.leases++;
        return new Lease(libraries);
    }

    private Shared load(Key key) {
        try {
            Files.createDirectories(copies);
            Path copy = copies.resolve(
                    key.artifact().getFileName() + "-" + key.modified() + "-" + System.nanoTime() + ".jar");
            Files.copy(key.artifact(), copy, StandardCopyOption.REPLACE_EXISTING);
            copy.toFile().deleteOnExit();
            return new Shared(key, copy, new LibraryLoader(key.artifact().getFileName() + "-libraries", copy));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy " + key.artifact() + " to run it", e);
        }
    }

    private synchronized void release(Shared libraries) {
        if (--libraries.leases == 0) {
            shared.remove(libraries.key);
            LocalFunction.close(libraries.loader);
        }
    }

    @Override
    public synchronized void close() {
        shared.values().forEach(libraries -> LocalFunction.close(libraries.loader));
        shared.clear();
    }

    /** One function's use of an artifact's libraries. */
    final class Lease implements AutoCloseable {
        private final Shared libraries;
        private boolean closed;

        private Lease(Shared libraries) {
            this.libraries = libraries;
        }

        /** The copy of the artifact the libraries are read from; the function's own classes come from it too. */
        Path copy() {
            return libraries.copy;
        }

        /** The parent of the function's own class loader. */
        ClassLoader loader() {
            return libraries.loader;
        }

        @Override
        public void close() {
            synchronized (ArtifactLibraries.this) {
                if (closed) {
                    return;
                }
                closed = true;
            }
            release(libraries);
        }
    }

    private record Key(Path artifact, long modified, long size) {}

    private static final class Shared {
        private final Key key;
        private final Path copy;
        private final URLClassLoader loader;
        private int leases;

        private Shared(Key key, Path copy, URLClassLoader loader) {
            this.key = key;
            this.copy = copy;
            this.loader = loader;
        }
    }

    /**
     * Loads everything of the jar but Shopfront's own classes, which each function's loader finds in the
     * same jar after this one refuses them. The platform loader as parent: nothing of the local API's own
     * classpath leaks in.
     */
    private static final class LibraryLoader extends URLClassLoader {
        static {
            registerAsParallelCapable();
        }

        LibraryLoader(String name, Path jar) throws IOException {
            super(name, new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            if (name.startsWith(OWN_PACKAGE)) {
                throw new ClassNotFoundException(name + " is loaded by its function's own class loader");
            }
            return super.findClass(name);
        }
    }
}
