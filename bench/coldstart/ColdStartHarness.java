import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One cold start, as the Lambda Java runtime does it: the artifact in a class loader of its own,
 * the handler class constructed by reflection, the event read by the runtime's serializer for a
 * POJO handler (raw bytes for a stream handler), the response written the same way. Prints one
 * RESULT line with epoch milliseconds at construction and at the first response, and one RESPONSE
 * line. Run by ColdStartBenchmark in a fresh JVM per start. Figures, not a test.
 *
 * <p>Arguments: artifact class path, handler class, event file, mode ({@code cold} or {@code primed}).
 * In {@code primed} mode the registered org.crac resources are run (checkpoint, then restore) after
 * construction, and the first response is timed from the end of the restore.
 */
public final class ColdStartHarness {
    public static void main(String[] args) throws Exception {
        List<URL> urls = new ArrayList<>();
        for (String entry : args[0].split(File.pathSeparator)) {
            urls.add(Path.of(entry).toUri().toURL());
        }
        ClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), ColdStartHarness.class.getClassLoader());
        byte[] event = Files.readAllBytes(Path.of(args[2]));
        boolean primed = args.length > 3 && args[3].equals("primed");

        Class<?> type = Class.forName(args[1], true, loader);
        Object handler = type.getConstructor().newInstance();
        long constructed = System.currentTimeMillis();

        long restored = 0;
        if (primed) {
            // The SnapStart proxy: org.crac, started with -Dorg.crac.Core.Compat=bench.crac, registered the
            // function's resources with bench.crac.Core, which runs them here.
            try {
                Class.forName("org.crac.Core", false, loader);
                Class.forName("bench.crac.Core").getMethod("checkpointRestore").invoke(null);
                restored = System.currentTimeMillis();
            } catch (ClassNotFoundException noCrac) {
                restored = -1; // an artifact without org.crac registers nothing: no primed figure
            }
        }

        Invoker invoker = invoker(handler, loader);
        byte[] response = invoker.invoke(event);
        long responded = System.currentTimeMillis();

        // The JVM's CPU time (all its threads: the function's, the JIT's, the collector's) up to the response:
        // utime and stime of /proc/self/stat, in clock ticks of 10 ms.
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long cpuMs = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
        long hwmKb = 0;
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                hwmKb = Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        // Read last: the management classes load only after the timings.
        long classes =
                java.lang.management.ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount();
        System.out.println("RESULT constructed=" + constructed + " restored=" + restored + " responded=" + responded
                + " cpuMs=" + cpuMs + " hwmKb=" + hwmKb + " classes=" + classes);
        System.out.println("RESPONSE " + new String(response, StandardCharsets.UTF_8).replace('\n', ' '));

        // Warm invocations of the same handler with the same event, after the cold figures are taken: 1,000
        // untimed, then the timed ones, each as the runtime makes it (event in, response out).
        int warm = Integer.getInteger("bench.warmInvocations", 0);
        if (warm > 0) {
            for (int i = 0; i < 1_000; i++) {
                invoker.invoke(event);
            }
            long[] micros = new long[warm];
            for (int i = 0; i < warm; i++) {
                long start = System.nanoTime();
                invoker.invoke(event);
                micros[i] = (System.nanoTime() - start) / 1_000;
            }
            Arrays.sort(micros);
            System.out.println(
                    "WARMINVOKE p50Micros=" + micros[warm / 2] + " p99Micros=" + micros[(int) (warm * 0.99)]);
        }
    }

    /** One invocation: the event's bytes in, the response's bytes out. */
    private interface Invoker {
        byte[] invoke(byte[] event) throws Exception;
    }

    /**
     * How the runtime calls this handler. Like the runtime, it finds the handler method and its serializers
     * once, at the first invocation, and reuses them for every later one.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Invoker invoker(Object handler, ClassLoader loader) {
        if (handler instanceof RequestStreamHandler stream) {
            return event -> {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                stream.handleRequest(new ByteArrayInputStream(event), out, new BenchContext());
                return out.toByteArray();
            };
        }
        // As the runtime: the declared types of the non-bridge handleRequest(I, Context).
        Method method = null;
        for (Method candidate : handler.getClass().getMethods()) {
            if (candidate.getName().equals("handleRequest")
                    && candidate.getParameterCount() == 2
                    && !candidate.isBridge()
                    && candidate.getParameterTypes()[1] == Context.class) {
                method = candidate;
            }
        }
        PojoSerializer input = serializerFor(method.getGenericParameterTypes()[0], loader);
        PojoSerializer output = serializerFor(method.getGenericReturnType(), loader);
        return event -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Object result = ((RequestHandler) handler)
                    .handleRequest(input.fromJson(new ByteArrayInputStream(event)), new BenchContext());
            output.toJson(result, out);
            return out.toByteArray();
        };
    }

    private static PojoSerializer<?> serializerFor(Type type, ClassLoader loader) {
        if (type instanceof Class<?> c && LambdaEventSerializers.isLambdaSupportedEvent(c.getName())) {
            return LambdaEventSerializers.serializerFor(c, loader);
        }
        return JacksonFactory.getInstance().getSerializer(type);
    }

    /** What the runtime passes: a fixed request id and 15 s left (the template's timeout). */
    private static final class BenchContext implements Context {
        private final long deadline = System.currentTimeMillis() + 15_000;

        public String getAwsRequestId() {
            return "00000000-0000-4000-8000-000000000000";
        }

        public String getLogGroupName() {
            return "bench";
        }

        public String getLogStreamName() {
            return "bench";
        }

        public String getFunctionName() {
            return System.getenv().getOrDefault("AWS_LAMBDA_FUNCTION_NAME", "bench");
        }

        public String getFunctionVersion() {
            return "$LATEST";
        }

        public String getInvokedFunctionArn() {
            return "arn:aws:lambda:us-east-1:123456789012:function:bench";
        }

        public CognitoIdentity getIdentity() {
            return null;
        }

        public ClientContext getClientContext() {
            return null;
        }

        public int getRemainingTimeInMillis() {
            return (int) (deadline - System.currentTimeMillis());
        }

        public int getMemoryLimitInMB() {
            return 1024;
        }

        public LambdaLogger getLogger() {
            return new LambdaLogger() {
                public void log(String message) {
                    System.err.println(message);
                }

                public void log(byte[] message) {
                    System.err.println(new String(message, StandardCharsets.UTF_8));
                }
            };
        }
    }
}
