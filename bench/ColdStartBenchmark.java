import dev.shopfront.devkit.Dynalite;
import dev.shopfront.devkit.FunctionDefinition;
import dev.shopfront.devkit.FunctionEnvironment;
import dev.shopfront.devkit.LocalDynamoDb;
import dev.shopfront.devkit.SamTemplate;
import dev.shopfront.devkit.TableDefinitions;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Cold starts of Shopfront's functions, each in a fresh JVM (bench/coldstart/ColdStartHarness), against
 * one dynalite on loopback, with the template's environment; runs interleaved across functions so a
 * load spike on the shared machine spreads over all of them. Prints medians and min-max. Run through
 * bench/coldstart.sh. Figures, not a test.
 */
public class ColdStartBenchmark {
    static final int RUNS = Integer.getInteger("bench.runs", 10);
    static final String HARNESS_CLASSPATH = System.getProperty("bench.harnessClasspath");
    static final String FLOOR_CLASSES = System.getProperty("bench.floorClasses");
    static final List<String> JVM_OPTIONS = List.of(
                    System.getProperty("bench.jvmOptions", "").split(" +"))
            .stream()
            .filter(s -> !s.isBlank())
            .toList();
    /** Only these rows (names as printed, comma-separated; empty: all). */
    static final List<String> ONLY = List.of(
                    System.getProperty("bench.functions", "").split(" *, *"))
            .stream()
            .filter(s -> !s.isBlank())
            .toList();
    /**
     * Extra rows: another build of a function's artifact, as {@code label=FunctionId=path/to.jar}, comma-separated
     * (e.g. GetProduct built from another commit, or with another HTTP client), measured in the same run.
     */
    static final List<String> EXTRA = List.of(
                    System.getProperty("bench.extra", "").split(" *, *"))
            .stream()
            .filter(s -> !s.isBlank())
            .toList();
    /** false: cold starts only, no primed starts. */
    static final boolean PRIMED = Boolean.parseBoolean(System.getProperty("bench.primed", "true"));
    /** A directory: the first cold start of each row also writes its class-load log there (-Xlog:class+load). */
    static final String CLASS_LOG = System.getProperty("bench.classLog", "");
    /** GetItem calls per warm round (0: no warm rounds); one round per run, for each GetProduct row. */
    static final int WARM_CALLS = Integer.getInteger("bench.warmCalls", 0);

    /** Timed warm invocations of the handler after each cold start's first response (0: none), after 1,000 untimed. */
    static final int WARM_INVOCATIONS = Integer.getInteger("bench.warmInvocations", 0);

    static final String WARM_CLASSES = System.getProperty("bench.warmClasses");
    static final String SAMPLE_USER = "7d9f5b0e-3c2a-4f7e-9b1d-2a6c8e4f0a11";
    static final String SAMPLE_PRODUCT = "0b6f3a52-8c1e-4d7a-9f25-6e3d1c4b7a90";
    static final String SAMPLE_TOKEN = "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.sample.signature";

    record Target(String name, String handler, String artifact, Map<String, String> environment, Path event) {}

    record Start(double constructedMs, double respondedMs, double cpuMs, double primedMs, double rssMiB, int classes) {}

    public static void main(String[] args) throws Exception {
        // Ctrl-C or a kill of the benchmark ends the harness JVM it is waiting for too (it ran on, orphaned).
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(() -> ProcessHandle.current().descendants().forEach(ProcessHandle::destroy)));
        String java = ProcessHandle.current().info().command().orElse("java");
        SamTemplate template = SamTemplate.ofRepository();
        Path work = Files.createTempDirectory("coldstart-");
        try (Dynalite dynalite = Dynalite.startInMemory();
                DynamoDbClient client = LocalDynamoDb.client(dynalite.endpoint())) {
            Map<String, String> refValues =
                    new LinkedHashMap<>(new TableDefinitions(template).createAll(client, id -> id));
            for (String secret :
                    template.resourcesOfType("AWS::SecretsManager::Secret").keySet()) {
                refValues.put(secret, "local-secret:bench-" + secret + "-0123456789abcdef0123456789abcdef");
            }
            Map<String, Target> functions = new LinkedHashMap<>();
            for (String id : List.of(
                    "CreateUserFunction",
                    "IssueTokenFunction",
                    "GetProductFunction",
                    "GetUserFunction",
                    "CreateProductFunction",
                    "ListProductsFunction",
                    "AuthorizerFunction")) {
                FunctionDefinition f = template.function(id);
                functions.put(
                        id,
                        new Target(
                                id.replace("Function", ""),
                                f.handler().replace("::handleRequest", ""),
                                f.codeUri(),
                                FunctionEnvironment.forLocalRun(f, refValues, dynalite.endpoint(), null),
                                null));
            }

            // The data the measured requests read: one user, a token of theirs, one product.
            Map<String, String> ids = new LinkedHashMap<>();
            String created =
                    run(java, functions.get("CreateUserFunction"), event("create-user", ids, work), false).response;
            ids.put(SAMPLE_USER, field(created, "id"));
            String token = field(
                    run(java, functions.get("IssueTokenFunction"), event("issue-token", ids, work), false).response,
                    "accessToken");
            ids.put(SAMPLE_TOKEN, token);
            String product = run(
                            java, functions.get("CreateProductFunction"), event("create-product", ids, work), false)
                    .response;
            ids.put(SAMPLE_PRODUCT, field(product, "id"));

            List<Target> targets = new ArrayList<>();
            Target getProduct = functions.get("GetProductFunction");
            targets.add(new Target(
                    "floor (POJO)",
                    "ConstantPojoHandler",
                    FLOOR_CLASSES + File.pathSeparator + getProduct.artifact(),
                    getProduct.environment(),
                    event("get-product", ids, work)));
            targets.add(new Target(
                    "floor (stream)",
                    "ConstantStreamHandler",
                    FLOOR_CLASSES + File.pathSeparator + getProduct.artifact(),
                    getProduct.environment(),
                    event("get-product", ids, work)));
            for (String[] pair : new String[][] {
                {"GetProductFunction", "get-product"},
                {"GetUserFunction", "get-user"},
                {"CreateProductFunction", "create-product"},
                {"ListProductsFunction", "list-products"},
                {"AuthorizerFunction", "authorize"}
            }) {
                Target t = functions.get(pair[0]);
                targets.add(
                        new Target(t.name(), t.handler(), t.artifact(), t.environment(), event(pair[1], ids, work)));
            }
            Map<String, String> eventOf = Map.of(
                    "GetProductFunction",
                    "get-product",
                    "GetUserFunction",
                    "get-user",
                    "CreateProductFunction",
                    "create-product",
                    "ListProductsFunction",
                    "list-products",
                    "AuthorizerFunction",
                    "authorize");
            for (String extra : EXTRA) {
                String[] parts = extra.split("=", 3);
                Target t = functions.get(parts[1]);
                targets.add(new Target(
                        parts[0],
                        t.handler(),
                        Path.of(parts[2]).toAbsolutePath().toString(),
                        t.environment(),
                        event(eventOf.get(parts[1]), ids, work)));
            }
            if (!ONLY.isEmpty()) {
                targets.removeIf(t -> !ONLY.contains(t.name()));
            }

            Map<Target, List<Start>> cold = new LinkedHashMap<>();
            Map<Target, List<Start>> primed = new LinkedHashMap<>();
            Map<Target, List<double[]>> warm = new LinkedHashMap<>();
            Map<Target, List<double[]>> warmInvocations = new LinkedHashMap<>();
            for (int i = 0; i < RUNS; i++) {
                for (Target t : targets) {
                    Outcome coldStart = run(java, t, t.event(), false, i == 0 ? CLASS_LOG : "", WARM_INVOCATIONS);
                    cold.computeIfAbsent(t, k -> new ArrayList<>()).add(coldStart.start);
                    if (coldStart.warmInvocations != null) {
                        warmInvocations
                                .computeIfAbsent(t, k -> new ArrayList<>())
                                .add(coldStart.warmInvocations);
                    }
                    List<Start> p = primed.computeIfAbsent(t, k -> new ArrayList<>());
                    // An artifact without org.crac has nothing to prime: one start shows it.
                    if (PRIMED && (p.isEmpty() || p.get(0).primedMs() >= 0)) {
                        p.add(run(java, t, t.event(), true, "", 0).start);
                    }
                    if (WARM_CALLS > 0 && t.handler().endsWith("GetProductHandler")) {
                        warm.computeIfAbsent(t, k -> new ArrayList<>()).add(warm(java, t, ids.get(SAMPLE_PRODUCT)));
                    }
                }
                System.err.printf("run %d of %d done%n", i + 1, RUNS);
            }

            System.out.printf(
                    "%d fresh JVMs per function and mode, %s, %d cores, JVM options: %s%n",
                    RUNS,
                    Runtime.version(),
                    Runtime.getRuntime().availableProcessors(),
                    JVM_OPTIONS.isEmpty() ? "(none)" : JVM_OPTIONS);
            System.out.println(
                    "median (min-max); times from JVM launch, in ms; primed = first response after the org.crac"
                            + " resources' beforeCheckpoint/afterRestore, timed from the restore");
            System.out.println(
                    "| function | artifact | constructed | first response | CPU to first response | primed first"
                            + " response | RSS (VmHWM) MiB | classes loaded |");
            System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- |");
            for (Target t : targets) {
                List<Start> s = cold.get(t);
                List<Start> p = primed.get(t);
                String artifact = t.artifact().substring(t.artifact().lastIndexOf(File.pathSeparatorChar) + 1);
                System.out.printf(
                        "| %s | %.1f MiB | %s | %s | %s | %s | %s | %s |%n",
                        t.name(),
                        Files.size(Path.of(artifact)) / 1048576.0,
                        stat(s.stream().map(Start::constructedMs).toList()),
                        stat(s.stream().map(Start::respondedMs).toList()),
                        stat(s.stream().map(Start::cpuMs).toList()),
                        stat(p.stream().map(Start::primedMs).toList()),
                        stat(s.stream().map(Start::rssMiB).toList()),
                        stat(s.stream().map(x -> (double) x.classes()).toList()));
            }
            if (!warmInvocations.isEmpty()) {
                printPercentiles(
                        String.format(
                                "Warm invocations of the handler, as the runtime makes them (event in, response out):"
                                        + " %d timed per cold start after 1,000 untimed; median of the starts' figures"
                                        + " (min-max), microseconds",
                                WARM_INVOCATIONS),
                        warmInvocations);
            }
            if (!warm.isEmpty()) {
                printPercentiles(
                        String.format(
                                "Warm GetItem through the artifact's DynamoDbClients: %d calls per round after 500 of"
                                        + " warm-up, one keep-alive client, one round per run; median of the rounds'"
                                        + " figures (min-max), microseconds",
                                WARM_CALLS),
                        warm);
            }
        }
    }

    /** A table of each row's p50 and p99 (median and min-max over its rounds), with the artifact's size. */
    static void printPercentiles(String title, Map<Target, List<double[]>> rounds) throws java.io.IOException {
        System.out.printf("%n%s%n", title);
        System.out.println("| function | artifact | p50 | p99 |");
        System.out.println("| --- | --- | --- | --- |");
        for (Map.Entry<Target, List<double[]>> row : rounds.entrySet()) {
            System.out.printf(
                    "| %s | %.1f MiB | %s | %s |%n",
                    row.getKey().name(),
                    Files.size(Path.of(row.getKey().artifact())) / 1048576.0,
                    stat(row.getValue().stream().map(x -> x[0]).toList()),
                    stat(row.getValue().stream().map(x -> x[1]).toList()));
        }
    }

    /** @param warmInvocations p50 and p99 of the warm invocations in microseconds, or null when none were made */
    record Outcome(Start start, String response, double[] warmInvocations) {}

    /** One warm round in a fresh JVM: p50 and p99 of GetItem, in microseconds. */
    static double[] warm(String java, Target target, String productId) throws Exception {
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(JVM_OPTIONS);
        command.addAll(List.of(
                "-cp",
                WARM_CLASSES + File.pathSeparator + target.artifact(),
                "WarmGetItem",
                productId,
                String.valueOf(WARM_CALLS)));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().putAll(target.environment());
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0 || !out.contains("WARM ")) {
            throw new IllegalStateException(target.name() + " warm round failed: " + command + "\n" + out);
        }
        return new double[] {number(out, "p50Micros"), number(out, "p99Micros")};
    }

    static Outcome run(String java, Target target, Path event, boolean primed) throws Exception {
        return run(java, target, event, primed, "", 0);
    }

    /** @param warmInvocations timed warm invocations after the first response: only for the measured rows */
    static Outcome run(String java, Target target, Path event, boolean primed, String classLog, int warmInvocations)
            throws Exception {
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(JVM_OPTIONS);
        if (!classLog.isEmpty()) {
            Files.createDirectories(Path.of(classLog));
            command.add("-Xlog:class+load=info:file="
                    + Path.of(classLog, target.name().replaceAll("[^A-Za-z0-9]+", "-") + ".log")
                            .toAbsolutePath() + ":uptime,tid");
        }
        if (primed) {
            command.add("-Dorg.crac.Core.Compat=bench.crac");
        } else if (warmInvocations > 0) {
            command.add("-Dbench.warmInvocations=" + warmInvocations);
        }
        command.addAll(List.of(
                "-cp",
                HARNESS_CLASSPATH,
                "ColdStartHarness",
                target.artifact(),
                target.handler(),
                event.toString(),
                primed ? "primed" : "cold"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(false);
        builder.environment().putAll(target.environment());
        Path errors = Files.createTempFile("coldstart-", ".err");
        builder.redirectError(errors.toFile());
        long launched = System.currentTimeMillis();
        Process process = builder.start();
        String result = null;
        String response = null;
        String warmFigures = null;
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("RESULT ")) {
                    result = line;
                } else if (line.startsWith("RESPONSE ")) {
                    response = line.substring("RESPONSE ".length());
                } else if (line.startsWith("WARMINVOKE ")) {
                    warmFigures = line;
                }
            }
        }
        if (process.waitFor() != 0 || result == null) {
            throw new IllegalStateException(target.name() + " failed: exit " + process.exitValue()
                    + "; run it by hand: " + command + "\n" + Files.readString(errors));
        }
        Files.delete(errors);
        if (!response.matches(".*\"statusCode\":\\s*2\\d\\d.*") && !response.contains("\"isAuthorized\":true")) {
            throw new IllegalStateException(target.name() + " did not succeed: " + response);
        }
        long constructed = number(result, "constructed");
        long restored = number(result, "restored");
        long responded = number(result, "responded");
        return new Outcome(
                new Start(
                        constructed - launched,
                        responded - launched,
                        number(result, "cpuMs"),
                        primed && restored > 0 ? responded - restored : -1,
                        number(result, "hwmKb") / 1024.0,
                        (int) number(result, "classes")),
                response,
                warmFigures == null
                        ? null
                        : new double[] {number(warmFigures, "p50Micros"), number(warmFigures, "p99Micros")});
    }

    static Path event(String name, Map<String, String> ids, Path work) throws Exception {
        String json = Files.readString(Path.of("events", name + ".json"));
        for (Map.Entry<String, String> id : ids.entrySet()) {
            json = json.replace(id.getKey(), id.getValue());
        }
        Path file = work.resolve(name + ".json");
        Files.writeString(file, json);
        return file;
    }

    /** A string field of the response body (a JSON string inside the response JSON). */
    static String field(String response, String name) {
        Matcher m = Pattern.compile("\\\\\"" + name + "\\\\\"\\s*:\\s*\\\\\"([^\\\\\"]+)\\\\\"")
                .matcher(response);
        if (!m.find()) {
            throw new IllegalStateException("No " + name + " in " + response);
        }
        return m.group(1);
    }

    static long number(String line, String name) {
        Matcher m = Pattern.compile(name + "=(-?\\d+)").matcher(line);
        m.find();
        return Long.parseLong(m.group(1));
    }

    static String stat(List<Double> values) {
        List<Double> sorted =
                new ArrayList<>(values.stream().filter(v -> v >= 0).toList());
        if (sorted.isEmpty()) {
            return "–";
        }
        Collections.sort(sorted);
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        return String.format("%.0f (%.0f-%.0f)", median, sorted.get(0), sorted.get(n - 1));
    }
}
