package dev.shopfront.local;

import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import dev.shopfront.devkit.FunctionDefinition;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;

/**
 * One function of the template, run from the artifact its CodeUri names: Shopfront's classes in a class
 * loader of its own, as Lambda gives each function its own container, over the artifact's libraries,
 * which the functions of one artifact share ({@link ArtifactLibraries}). Loaded once and kept warm; when
 * the artifact changes on disk, the next invocation loads the new one.
 */
final class LocalFunction implements AutoCloseable {
    private static final String ENVIRONMENT_CLASS = "dev.shopfront.config.Environment";
    /** The functions' SnapStart priming (docs/snapstart.md): what it registered runs when the function is warmed. */
    private static final String PRIMING_CLASS = "dev.shopfront.http.Priming";
    /** Bound, to the function's logical id, while it is primed: its log lines are not of a user's requests. */
    static final ScopedValue<String> PRIMING = ScopedValue.newInstance();

    private final FunctionDefinition definition;
    private final Path artifact;
    /** Resolved when the function is first loaded: a function that sends to a queue waits there for the SQS server. */
    private final Supplier<Map<String, String>> environment;

    private final ArtifactLibraries libraries;
    private final String handlerClass;
    private final String handlerMethod;
    private final int memoryMb;
    private final int timeoutSeconds;
    private volatile Loaded loaded;

    /**
     * @param environment the function's environment, asked for each time the function is loaded
     * @param libraries the artifacts' libraries, shared by the functions of each artifact
     */
    LocalFunction(
            FunctionDefinition definition,
            Path repoRoot,
            Supplier<Map<String, String>> environment,
            ArtifactLibraries libraries) {
        this.definition = definition;
        if (definition.codeUri() == null || definition.handler() == null) {
            throw new IllegalStateException(
                    "Function " + definition.logicalId() + " needs a CodeUri and a Handler in template.yaml");
        }
        this.artifact = repoRoot.resolve(definition.codeUri()).normalize();
        this.environment = environment;
        this.libraries = libraries;
        String[] parts = definition.handler().split("::", 2);
        this.handlerClass = parts[0];
        this.handlerMethod = parts.length > 1 ? parts[1] : "handleRequest";
        this.memoryMb = definition.properties().path("MemorySize").asInt(1024);
        this.timeoutSeconds = definition.properties().path("Timeout").asInt(15);
    }

    String logicalId() {
        return definition.logicalId();
    }

    /**
     * Fails with what to do when the artifact or its handler class is missing.
     *
     * @param entriesOf each artifact's entry names, read once for all functions: 16 functions share 4 jars
     *     of some 5,000 entries each, and each function opened its jar again to find one class
     */
    void check(Map<Path, Set<String>> entriesOf) {
        if (!Files.isRegularFile(artifact)) {
            throw new IllegalStateException("Function " + logicalId() + ": its artifact " + artifact
                    + " does not exist. Build it with `mvn package` (CodeUri in template.yaml names it).");
        }
        String entry = handlerClass.replace('.', '/') + ".class";
        if (!entriesOf.computeIfAbsent(artifact, this::entries).contains(entry)) {
            throw new IllegalStateException("Function " + logicalId() + ": Handler class " + handlerClass
                    + " is not in " + artifact + ". Fix Handler in template.yaml, or rebuild with `mvn package`.");
        }
    }

    private Set<String> entries(Path jarFile) {
        try (JarFile jar = new JarFile(jarFile.toFile())) {
            return jar.stream().map(JarEntry::getName).collect(Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            throw new UncheckedIOException("Function " + logicalId() + ": cannot read " + jarFile, e);
        }
    }

    /** Loads the function now: its handler is built, as in Lambda's init phase. */
    void load() {
        current();
    }

    /**
     * Runs once what the function's handler registered for SnapStart priming (docs/snapstart.md): made-up
     * events through its own request path, built to change nothing (PrimingTest checks it for every
     * function), so its first real request finds the classes loaded and the clients connected. One round,
     * not Lambda's several: the local API wants classes loaded, not code compiled. Priming only speeds
     * things up, so what it logs is dropped ({@link #PRIMING}).
     *
     * @return whether the function registered priming to run
     */
    boolean prime() {
        Loaded function = current();
        List<?> resources = primingOf(function);
        if (resources.isEmpty()) {
            return false;
        }
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(function.loader);
        try {
            ScopedValue.where(PRIMING, logicalId()).call(() -> {
                for (Object resource : resources) {
                    primeOnce(resource, function.loader);
                }
                return null;
            });
            return true;
        } catch (InvocationTargetException e) {
            throw new FunctionFailedException(logicalId(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Function " + logicalId() + ": cannot run its priming: " + e, e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** The priming's own run, once; else its {@code beforeCheckpoint}, which runs it several times. */
    private static void primeOnce(Object resource, ClassLoader loader) throws ReflectiveOperationException {
        try {
            Field prime = resource.getClass().getDeclaredField("prime");
            prime.setAccessible(true);
            if (prime.get(resource) instanceof Runnable once) {
                once.run();
                return;
            }
        } catch (NoSuchFieldException elsewhere) {
            // Priming keeps its work in another shape: run it as Lambda would.
        }
        Class<?> context = Class.forName("org.crac.Context", false, loader);
        resource.getClass().getMethod("beforeCheckpoint", context).invoke(resource, (Object) null);
    }

    /**
     * What the handler registered with {@code Priming}. org.crac keeps registered resources only weakly and,
     * off a CRaC JVM, not at all: Priming's own list holds them.
     */
    private static List<?> primingOf(Loaded function) {
        try {
            Field registered =
                    Class.forName(PRIMING_CLASS, true, function.loader).getDeclaredField("REGISTERED");
            registered.setAccessible(true);
            return List.copyOf((List<?>) registered.get(null));
        } catch (ClassNotFoundException | NoSuchFieldException notPrimed) {
            // Not a Shopfront function, or one whose priming keeps its resources elsewhere: loading is warming.
            return List.of();
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("Cannot read " + PRIMING_CLASS + ".REGISTERED", e);
        }
    }

    /** The function's {@code Timeout} in seconds (15 when the template does not say). */
    int timeoutSeconds() {
        return timeoutSeconds;
    }

    /**
     * Invokes the handler with an event, as Lambda does: abandoned when it runs past the function's
     * {@code Timeout}.
     *
     * @return the handler's response as the Lambda runtime serializes it
     * @throws FunctionFailedException when the handler throws
     * @throws FunctionTimedOutException when it runs past its {@code Timeout}
     */
    byte[] invoke(byte[] event, String requestId) {
        return invoke(event, requestId, Long.MAX_VALUE);
    }

    /**
     * Invokes the handler for a caller that waits at most {@code waitMillis} (API Gateway's
     * integration timeout).
     *
     * @throws IntegrationTimedOutException when the caller stops waiting before the function's own timeout
     */
    byte[] invoke(byte[] event, String requestId, long waitMillis) {
        // Loading is Lambda's init phase, which has its own limit: the timeout counts from the invocation.
        Loaded function = current();
        long timeoutMillis = timeoutSeconds * 1000L;
        long deadline = System.currentTimeMillis() + timeoutMillis;
        CompletableFuture<byte[]> result = new CompletableFuture<>();
        // Its own thread, so it can be abandoned at the deadline as Lambda abandons an invocation.
        Thread invocation = Thread.ofVirtual()
                .name(logicalId() + "-" + requestId)
                .start(() -> {
                    try {
                        result.complete(invokeHere(function, event, requestId, deadline));
                    } catch (Throwable e) {
                        result.completeExceptionally(e);
                    }
                });
        try {
            return result.get(Math.min(timeoutMillis, waitMillis), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            if (waitMillis < timeoutMillis) {
                // Lambda would let it run on to its own timeout; nobody waits for it any more.
                throw new IntegrationTimedOutException(logicalId(), waitMillis);
            }
            abandon(invocation);
            throw new FunctionTimedOutException(logicalId(), timeoutSeconds);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new FunctionFailedException(logicalId(), e.getCause());
        } catch (InterruptedException e) {
            invocation.interrupt();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for " + logicalId(), e);
        }
    }

    /**
     * Lambda throws a timed-out execution environment away: the next invocation starts cold. The
     * abandoned thread is interrupted and its loaded handler dropped (not closed: it may still run).
     */
    private void abandon(Thread invocation) {
        invocation.interrupt();
        System.err.println("[local] " + logicalId() + ": Task timed out after " + timeoutSeconds
                + ".00 seconds; the invocation is abandoned and the next one starts cold");
        synchronized (this) {
            loaded = null;
        }
    }

    private byte[] invokeHere(Loaded function, byte[] event, String requestId, long deadline) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(function.loader);
        try {
            Object context = LambdaContexts.create(function.loader, logicalId(), requestId, memoryMb, deadline);
            if (function.streaming) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                function.method.invoke(function.handler, new ByteArrayInputStream(event), out, context);
                return out.toByteArray();
            }
            Object input = function.input.fromJson(new ByteArrayInputStream(event));
            Object output = function.method.invoke(function.handler, input, context);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (output != null) {
                function.output.toJson(output, out);
            }
            return out.toByteArray();
        } catch (InvocationTargetException e) {
            throw new FunctionFailedException(logicalId(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Function " + logicalId() + ": cannot call " + definition.handler(), e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private Loaded current() {
        Stamp stamp = Stamp.of(artifact);
        Loaded now = loaded;
        if (now != null && now.stamp.equals(stamp)) {
            return now;
        }
        synchronized (this) {
            now = loaded;
            if (now != null && now.stamp.equals(stamp)) {
                return now;
            }
            Loaded fresh = load(stamp);
            loaded = fresh;
            if (now != null) {
                now.close();
                System.err.println(
                        "[local] " + logicalId() + ": reloaded " + artifact.getFileName() + " (it changed on disk)");
            }
            return fresh;
        }
    }

    private Loaded load(Stamp stamp) {
        check(new HashMap<>());
        ArtifactLibraries.Lease lease = libraries.lease(artifact, stamp.modified(), stamp.size());
        URLClassLoader loader = null;
        Loaded function = null;
        try {
            // Shopfront's classes from the artifact in a loader of the function's own; the libraries
            // from the artifact's loader, shared with the other functions of the same artifact.
            loader = new URLClassLoader(
                    logicalId(), new URL[] {lease.copy().toUri().toURL()}, lease.loader());
            URLClassLoader functionLoader = loader;
            Object handler = initOnPlatformThread(() -> {
                Thread.currentThread().setContextClassLoader(functionLoader);
                giveEnvironment(functionLoader);
                return Class.forName(handlerClass, true, functionLoader)
                        .getConstructor()
                        .newInstance();
            });
            function = Loaded.of(stamp, lease, loader, handler, findMethod(handler.getClass()));
            return function;
        } catch (InvocationTargetException | ExceptionInInitializerError e) {
            Throwable cause = e instanceof InvocationTargetException ite ? ite.getCause() : e.getCause();
            throw new FunctionFailedException(logicalId(), cause == null ? e : cause);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(
                    "Function " + logicalId() + ": cannot create " + handlerClass
                            + " (it needs a public no-argument constructor): " + e,
                    e);
        } catch (IOException e) {
            throw new UncheckedIOException("Function " + logicalId() + ": cannot load " + artifact, e);
        } finally {
            if (function == null) {
                // Not loaded, whatever the failure: its loader goes, and its share of the libraries.
                close(loader);
                lease.close();
            }
        }
    }

    /** The init phase's work: the handler's class initialized and the handler constructed. */
    private interface Init {
        Object run() throws ReflectiveOperationException;
    }

    /**
     * Runs a function's init on a platform thread of its own, as Lambda's runtime does, and waits for it. The
     * caller is often a virtual thread (a request's, the warming's), and a function's init waits inside class
     * initializers (its construction builds clients and rehearses JSON on threads beside it): a virtual thread
     * waiting there stays pinned to its carrier, and with two carriers a request can wait for them (a CI run's
     * first request timed out after the construction's threads came; the cause was not caught in the act). The
     * waiting caller here is in no initializer, so it unmounts.
     */
    private Object initOnPlatformThread(Init init) throws ReflectiveOperationException {
        CompletableFuture<Object> handler = new CompletableFuture<>();
        Thread.ofPlatform().name("init-" + logicalId()).daemon().start(() -> {
            try {
                handler.complete(init.run());
            } catch (Throwable failure) {
                handler.completeExceptionally(failure);
            }
        });
        try {
            return handler.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Function " + logicalId() + ": interrupted while it initialized", e);
        } catch (ExecutionException e) {
            switch (e.getCause()) {
                case ReflectiveOperationException reflective -> throw reflective;
                case RuntimeException unchecked -> throw unchecked;
                case Error error -> throw error;
                default -> throw new IllegalStateException(e.getCause());
            }
        }
    }

    private void giveEnvironment(ClassLoader loader) throws ReflectiveOperationException {
        // One JVM has one process environment: each function's copy of Environment gets its own.
        try {
            Class<?> type = Class.forName(ENVIRONMENT_CLASS, true, loader);
            type.getMethod("useForThisClassLoader", Map.class).invoke(null, Map.copyOf(environment.get()));
        } catch (ClassNotFoundException notAShopfrontFunction) {
            System.err.println("[local] " + logicalId() + ": no " + ENVIRONMENT_CLASS
                    + " in its artifact; it sees the process environment");
        }
    }

    private Method findMethod(Class<?> type) {
        Method best = null;
        for (Method method : type.getMethods()) {
            if (!method.getName().equals(handlerMethod)
                    || method.isBridge()
                    || Modifier.isStatic(method.getModifiers())) {
                continue;
            }
            int count = method.getParameterCount();
            if (count == 3 && method.getParameterTypes()[0] == InputStream.class) {
                return method;
            }
            if (count == 2 && (best == null || best.getParameterTypes()[0] == Object.class)) {
                best = method;
            }
        }
        if (best == null) {
            throw new IllegalStateException("Function " + logicalId() + ": " + handlerClass + " has no method "
                    + handlerMethod + "(event, Context) or (InputStream, OutputStream, Context)");
        }
        return best;
    }

    @Override
    public void close() {
        Loaded now = loaded;
        loaded = null;
        if (now != null) {
            now.close();
        }
    }

    static void close(URLClassLoader loader) {
        if (loader != null) {
            try {
                loader.close();
            } catch (IOException ignored) {
                // Closing only releases the jar file handle; nothing depends on it succeeding.
            }
        }
    }

    /** The artifact's identity on disk: a rebuilt artifact has a new one. */
    private record Stamp(long modified, long size) {
        static Stamp of(Path file) {
            try {
                BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                return new Stamp(attributes.lastModifiedTime().toMillis(), attributes.size());
            } catch (IOException e) {
                return new Stamp(-1, -1);
            }
        }
    }

    /**
     * The Lambda runtime's event serializer, loaded once per loaded function. The serialization
     * library keeps mutable state in statics (a shared Jackson mapper it registers modules on), so
     * one copy shared by every function's class loader mixes their classes: a function loaded after
     * another had used the same event type read its events empty. Each function gets its own copy,
     * as each Lambda execution environment has its own runtime.
     */
    private static final class RuntimeSerializer {
        private static final String EVENTS =
                "com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers";
        private static final String JACKSON_FACTORY =
                "com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory";
        private static final String POJO_SERIALIZER =
                "com.amazonaws.services.lambda.runtime.serialization.PojoSerializer";

        private final Object serializer;
        private final Method fromJson;
        private final Method toJson;

        private RuntimeSerializer(Object serializer, Method fromJson, Method toJson) {
            this.serializer = serializer;
            this.fromJson = fromJson;
            this.toJson = toJson;
        }

        static RuntimeSerializer of(Class<?> type, ClassLoader runtime, ClassLoader function)
                throws ReflectiveOperationException {
            Class<?> events = runtime.loadClass(EVENTS);
            Object serializer;
            if ((boolean)
                    events.getMethod("isLambdaSupportedEvent", String.class).invoke(null, type.getName())) {
                serializer = events.getMethod("serializerFor", Class.class, ClassLoader.class)
                        .invoke(null, type, function);
            } else {
                Object factory = runtime.loadClass(JACKSON_FACTORY)
                        .getMethod("getInstance")
                        .invoke(null);
                serializer = factory.getClass()
                        .getMethod("getSerializer", Class.class)
                        .invoke(factory, type);
            }
            Class<?> pojo = runtime.loadClass(POJO_SERIALIZER);
            return new RuntimeSerializer(
                    serializer,
                    pojo.getMethod("fromJson", InputStream.class),
                    pojo.getMethod("toJson", Object.class, OutputStream.class));
        }

        Object fromJson(InputStream in) throws ReflectiveOperationException {
            return fromJson.invoke(serializer, in);
        }

        void toJson(Object value, OutputStream out) throws ReflectiveOperationException {
            toJson.invoke(serializer, value, out);
        }
    }

    /** A loaded handler with the serializers the Lambda runtime would use for its types. */
    private record Loaded(
            Stamp stamp,
            ArtifactLibraries.Lease libraries,
            URLClassLoader loader,
            URLClassLoader runtime,
            Object handler,
            Method method,
            boolean streaming,
            RuntimeSerializer input,
            RuntimeSerializer output)
            implements AutoCloseable {

        static Loaded of(
                Stamp stamp, ArtifactLibraries.Lease libraries, URLClassLoader loader, Object handler, Method method)
                throws ReflectiveOperationException {
            if (method.getParameterCount() == 3) {
                return new Loaded(stamp, libraries, loader, null, handler, method, true, null, null);
            }
            // The function's classes first (its event types), then the runtime's serialization library.
            URL library = LambdaEventSerializers.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation();
            URLClassLoader runtime = new URLClassLoader(loader.getName() + "-runtime", new URL[] {library}, loader);
            try {
                return new Loaded(
                        stamp,
                        libraries,
                        loader,
                        runtime,
                        handler,
                        method,
                        false,
                        RuntimeSerializer.of(method.getParameterTypes()[0], runtime, loader),
                        RuntimeSerializer.of(method.getReturnType(), runtime, loader));
            } catch (ReflectiveOperationException | RuntimeException e) {
                LocalFunction.close(runtime);
                throw e;
            }
        }

        @Override
        public void close() {
            LocalFunction.close(runtime);
            LocalFunction.close(loader);
            libraries.close();
        }
    }
}
