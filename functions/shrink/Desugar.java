import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.classfile.ClassBuilder;
import java.lang.classfile.ClassElement;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassModel;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.CodeElement;
import java.lang.classfile.CodeTransform;
import java.lang.classfile.MethodModel;
import java.lang.classfile.MethodTransform;
import java.lang.classfile.TypeKind;
import java.lang.classfile.instruction.InvokeDynamicInstruction;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.DirectMethodHandleDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.reflect.AccessFlag;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Rewrites a function's artifact so that its lambdas and method references are classes in the jar
 * rather than classes the JVM spins at run time. Each {@code invokedynamic} bootstrapped by
 * {@code LambdaMetafactory} becomes a read of a constant or a call of a factory on a final class
 * written beside its host, one per host and functional interface: it holds the captured values and
 * implements the interface method with the metafactory's conversions (casts, boxing, unboxing,
 * widening), calling the implementation itself when its package may, else through a static accessor
 * added to the host, which invokes it exactly as the method handle would (so private targets keep
 * working; the accessor is package-private, or public in an interface, which may have nothing between). A cold Lambda JVM then reads these classes from the jar instead
 * of generating them with the JDK's class-file library and {@code java.lang.invoke}: see
 * BENCHMARKS.md, "Lambdas written at build time". The names keep {@code $$Lambda} in them, as the
 * spun classes' do, for whatever tells lambdas apart by name. What differs from the metafactory's, all
 * of it unspecified for lambdas: two lambdas of one host and interface share a class; the classes are
 * not hidden; a stack trace shows the written class's frame and, for a private target, the accessor's.
 *
 * <p>Left as they are: serializable lambdas (their deserialization goes through the host's
 * {@code $deserializeLambda$}), and any class whose stack maps cannot be rebuilt because a type it
 * merges is not in the jar or the JDK. Only the classes named in the list are rewritten, and of those
 * only the ones whose cold start made at least a quarter of their lambdas (the list's count): written
 * out, every lambda of the artifact would take it well past 10 MiB (4,070 in products.jar, +2.9 MB),
 * and those a cold start creates are about a quarter of them. Run with the build's JDK 25:
 * {@code java functions/shrink/Desugar.java <in.jar> <out.jar> <list|none>}; a list line is
 * {@code <binary class name> [<lambdas made>]}, see functions/shrink/cold-start-lambdas/.
 */
public final class Desugar {
    private static final ClassDesc LAMBDA_METAFACTORY = ClassDesc.of("java.lang.invoke.LambdaMetafactory");
    private static final int FLAG_SERIALIZABLE = 1;
    private static final int FLAG_MARKERS = 2;
    private static final int FLAG_BRIDGES = 4;
    private static final String CLASS_SUFFIX = "$$Lambda$";
    private static final String ACCESSOR_PREFIX = "lambda$$";
    /** Not a Java identifier, so no functional interface's method can share the name (as {@code of0} could). */
    private static final String FACTORY_PREFIX = "of-";

    private final Map<String, byte[]> entries;
    /** Class (internal name) to the number of its lambdas a cold start created, from the list. */
    private final Map<String, Integer> selected;

    private final ClassFile classFile;
    private int lambdas;
    private int hosts;
    private int classes;
    private int skippedSerializable;
    private int passedOver;
    private final Set<String> listedInJar = new java.util.HashSet<>();
    private final List<String> skippedClasses = new ArrayList<>();

    private Desugar(Map<String, byte[]> entries, Map<String, Integer> selected) {
        this.entries = entries;
        this.selected = selected;
        ClassHierarchyResolver inJar = ClassHierarchyResolver.ofResourceParsing(desc -> {
            byte[] bytes = entries.get(internalName(desc) + ".class");
            return bytes == null ? null : new ByteArrayInputStream(bytes);
        });
        this.classFile = ClassFile.of(ClassFile.ClassHierarchyResolverOption.of(
                ClassHierarchyResolver.defaultResolver().orElse(inJar)));
    }

    public static void main(String[] args) throws IOException {
        Path in = Path.of(args[0]);
        Path out = Path.of(args[1]);
        Map<String, byte[]> entries = new LinkedHashMap<>();
        Map<String, Long> times = new HashMap<>();
        try (ZipFile zip = new ZipFile(in.toFile())) {
            for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
                try (InputStream stream = zip.getInputStream(entry)) {
                    entries.put(entry.getName(), stream.readAllBytes());
                    times.put(entry.getName(), entry.getTime());
                }
            }
        }
        Map<String, Integer> selected = new HashMap<>();
        if (!args[2].equals("none")) {
            for (String line : Files.readAllLines(Path.of(args[2]))) {
                String content = line.replaceFirst("#.*", "").strip();
                if (!content.isEmpty()) {
                    String[] fields = content.split("\\s+");
                    selected.put(
                            fields[0].replace('.', '/'),
                            fields.length > 1 ? Integer.parseInt(fields[1]) : Integer.MAX_VALUE);
                }
            }
        }
        Desugar desugar = new Desugar(entries, selected);
        Map<String, byte[]> rewritten = desugar.rewrite();
        Path partial = out.resolveSibling(out.getFileName() + ".partial");
        if (desugar.hosts == 0) {
            Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
        } else {
            write(rewritten, times, partial);
        }
        Files.move(partial, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        StringBuilder summary = new StringBuilder("desugar: " + out.getFileName());
        if (desugar.hosts == 0) {
            summary.append(" as ProGuard wrote it: no listed lambdas");
        } else {
            summary.append(String.format(
                    ": %d lambdas of %d classes written as %d classes; %d listed classes passed over (under a quarter"
                            + " of their lambdas made at a cold start)",
                    desugar.lambdas, desugar.hosts, desugar.classes, desugar.passedOver));
        }
        int absent = selected.size() - desugar.listedInJar.size();
        if (absent > 0) {
            summary.append("; ").append(absent).append(" listed classes not in the jar (a stale list?)");
        }
        if (desugar.skippedSerializable > 0) {
            summary.append("; ").append(desugar.skippedSerializable).append(" serializable lambdas left as they were");
        }
        if (!desugar.skippedClasses.isEmpty()) {
            summary.append("; classes left as they were: ").append(desugar.skippedClasses);
        }
        System.out.println(summary);
    }

    /**
     * Sizes and checksums go in each entry's header: without them a streamed entry also gets a
     * 16-byte data descriptor, 110 KB over a function's seven thousand entries.
     */
    private static void write(Map<String, byte[]> entries, Map<String, Long> times, Path jar) throws IOException {
        long firstTime = times.values().iterator().next();
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        byte[] buffer = new byte[64 * 1024];
        try (OutputStream file = Files.newOutputStream(jar);
                ZipOutputStream zip = new ZipOutputStream(file)) {
            zip.setLevel(Deflater.BEST_COMPRESSION);
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                byte[] bytes = entry.getValue();
                ZipEntry written = new ZipEntry(entry.getKey());
                written.setTime(times.getOrDefault(entry.getKey(), firstTime));
                CRC32 crc = new CRC32();
                crc.update(bytes);
                written.setCrc(crc.getValue());
                written.setSize(bytes.length);
                deflater.reset();
                deflater.setInput(bytes);
                deflater.finish();
                long compressed = 0;
                while (!deflater.finished()) {
                    compressed += deflater.deflate(buffer);
                }
                written.setCompressedSize(compressed);
                zip.putNextEntry(written);
                zip.write(bytes);
                zip.closeEntry();
            }
        }
        deflater.end();
    }

    private Map<String, byte[]> rewrite() {
        Map<String, byte[]> result = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
            String name = entry.getKey();
            String className = name.endsWith(".class") ? name.substring(0, name.length() - ".class".length()) : "";
            if (className.startsWith("META-INF/versions/")) {
                className = className.substring(className.indexOf('/', "META-INF/versions/".length()) + 1);
            }
            if (!selected.containsKey(className)) {
                result.put(name, entry.getValue());
                continue;
            }
            listedInJar.add(className);
            ClassModel model = classFile.parse(entry.getValue());
            int sites = countSites(model);
            boolean fewUsed = (long) selected.get(className) * 4 < sites;
            if (sites == 0 || fewUsed) {
                // Under a quarter of its lambdas made at a cold start (DefaultDynamoDbClient: 8 of 72): written
                // out, the rest would cost more bytes than the few spun ones cost time.
                passedOver += fewUsed ? 1 : 0;
                result.put(name, entry.getValue());
                continue;
            }
            String prefix = name.substring(0, name.length() - className.length() - ".class".length());
            Host host = new Host(model);
            try {
                byte[] bytes = classFile.transformClass(model, host);
                result.put(name, bytes);
                for (Map.Entry<String, byte[]> generated : host.generated.entrySet()) {
                    result.put(prefix + generated.getKey() + ".class", generated.getValue());
                }
                if (!host.sites.isEmpty()) {
                    hosts++;
                    lambdas += host.sites.size();
                    classes += host.generated.size();
                }
            } catch (IllegalArgumentException | IllegalStateException e) {
                // A type the stack maps need is in neither the jar nor the JDK: keep the class as it was.
                skippedClasses.add(model.thisClass().asInternalName() + " (" + e.getMessage() + ")");
                result.put(name, entry.getValue());
            }
        }
        return result;
    }

    private static int countSites(ClassModel model) {
        int sites = 0;
        for (MethodModel method : model.methods()) {
            for (java.lang.classfile.CodeModel code : method.code().stream().toList()) {
                for (CodeElement element : code) {
                    if (element instanceof InvokeDynamicInstruction indy
                            && indy.bootstrapMethod().owner().equals(LAMBDA_METAFACTORY)) {
                        sites++;
                    }
                }
            }
        }
        return sites;
    }

    private static String internalName(ClassDesc desc) {
        String descriptor = desc.descriptorString();
        return descriptor.substring(1, descriptor.length() - 1);
    }

    /** One lambda site: what the metafactory would have been asked for. */
    private record Site(
            String interfaceMethod,
            ClassDesc functionalInterface,
            List<ClassDesc> captured,
            MethodTypeDesc erased,
            DirectMethodHandleDesc implementation,
            MethodTypeDesc instantiated,
            List<ClassDesc> markers,
            List<MethodTypeDesc> bridges) {

        static Site of(InvokeDynamicInstruction indy) {
            DirectMethodHandleDesc bootstrap = indy.bootstrapMethod();
            if (!bootstrap.owner().equals(LAMBDA_METAFACTORY)) {
                return null;
            }
            List<ConstantDesc> args = indy.bootstrapArgs();
            if (!(args.get(1) instanceof DirectMethodHandleDesc implementation)) {
                return null;
            }
            switch (implementation.kind()) {
                case STATIC, INTERFACE_STATIC, VIRTUAL, INTERFACE_VIRTUAL, SPECIAL, INTERFACE_SPECIAL, CONSTRUCTOR -> {}
                default -> {
                    return null;
                }
            }
            List<ClassDesc> markers = List.of();
            List<MethodTypeDesc> bridges = List.of();
            if (bootstrap.methodName().equals("altMetafactory")) {
                int flags = (Integer) args.get(3);
                if ((flags & FLAG_SERIALIZABLE) != 0) {
                    return null;
                }
                int next = 4;
                if ((flags & FLAG_MARKERS) != 0) {
                    int count = (Integer) args.get(next++);
                    markers = new ArrayList<>();
                    for (int i = 0; i < count; i++) {
                        markers.add((ClassDesc) args.get(next++));
                    }
                }
                if ((flags & FLAG_BRIDGES) != 0) {
                    int count = (Integer) args.get(next++);
                    bridges = new ArrayList<>();
                    for (int i = 0; i < count; i++) {
                        bridges.add((MethodTypeDesc) args.get(next++));
                    }
                }
            } else if (!bootstrap.methodName().equals("metafactory")) {
                return null;
            }
            MethodTypeDesc type = indy.typeSymbol();
            return new Site(
                    indy.name().stringValue(),
                    type.returnType(),
                    type.parameterList(),
                    (MethodTypeDesc) args.get(0),
                    implementation,
                    (MethodTypeDesc) args.get(2),
                    markers,
                    bridges);
        }
    }

    /** What one written class implements: the sites of a host that share it become one class. */
    private record Shape(
            String interfaceMethod,
            ClassDesc functionalInterface,
            List<ClassDesc> markers,
            List<MethodTypeDesc> methods) {
        static Shape of(Site site) {
            List<MethodTypeDesc> methods = new ArrayList<>();
            methods.add(site.erased());
            for (MethodTypeDesc bridge : site.bridges()) {
                if (!methods.contains(bridge)) {
                    methods.add(bridge);
                }
            }
            return new Shape(site.interfaceMethod(), site.functionalInterface(), site.markers(), methods);
        }
    }

    /** The sites of one host that implement one {@link Shape}, in the order they appear. */
    private static final class Group {
        final ClassDesc name;
        final Shape shape;
        final List<Site> sites = new ArrayList<>();
        final List<Integer> accessors = new ArrayList<>();

        Group(ClassDesc name, Shape shape) {
            this.name = name;
            this.shape = shape;
        }

        int captures() {
            return sites.stream().mapToInt(site -> site.captured().size()).max().orElse(0);
        }
    }

    /**
     * Rewrites one class. Each lambda site becomes a read of a constant or a call of a factory on a
     * class written for the host and the functional interface: one class per interface rather than per
     * site keeps the artifact small (each jar entry costs its name twice and a constant pool), and an
     * object of it implements exactly what the metafactory's would. Its interface method switches on
     * the site the object was made for. Implementations the written class may not call are reached
     * through static accessors added to the host.
     */
    private final class Host implements ClassTransform {
        private final ClassModel model;
        private final ClassDesc self;
        private final boolean isInterface;
        private final Map<String, byte[]> generated = new LinkedHashMap<>();
        private final Map<Shape, Group> groups = new LinkedHashMap<>();
        private final List<Site> sites = new ArrayList<>();

        Host(ClassModel model) {
            this.model = model;
            this.self = model.thisClass().asSymbol();
            this.isInterface = model.flags().has(AccessFlag.INTERFACE);
        }

        @Override
        public void accept(ClassBuilder builder, ClassElement element) {
            if (element instanceof MethodModel method && method.code().isPresent()) {
                builder.transformMethod(method, MethodTransform.transformingCode(new Sites()));
            } else {
                builder.with(element);
            }
        }

        @Override
        public void atEnd(ClassBuilder builder) {
            int flags = ClassFile.ACC_STATIC | ClassFile.ACC_SYNTHETIC | (isInterface ? ClassFile.ACC_PUBLIC : 0);
            for (int i = 0; i < sites.size(); i++) {
                Site site = sites.get(i);
                if (!callsDirectly(site)) {
                    MethodTypeDesc type = site.implementation().invocationType();
                    builder.withMethodBody(ACCESSOR_PREFIX + i, type, flags, code -> {
                        if (site.implementation().kind() == DirectMethodHandleDesc.Kind.CONSTRUCTOR) {
                            code.new_(site.implementation().owner()).dup();
                        }
                        loadParameters(code, type);
                        invoke(code, site.implementation());
                        code.return_(TypeKind.from(type.returnType()));
                    });
                }
            }
            for (Group group : groups.values()) {
                generated.put(internalName(group.name), lambdaClass(group));
            }
        }

        private final class Sites implements CodeTransform {
            @Override
            public void accept(CodeBuilder code, CodeElement element) {
                Site site = element instanceof InvokeDynamicInstruction indy ? Site.of(indy) : null;
                if (site == null) {
                    if (element instanceof InvokeDynamicInstruction indy
                            && indy.bootstrapMethod().owner().equals(LAMBDA_METAFACTORY)) {
                        skippedSerializable++;
                    }
                    code.with(element);
                    return;
                }
                Shape shape = Shape.of(site);
                Group group = groups.computeIfAbsent(
                        shape,
                        key -> new Group(
                                ClassDesc.ofInternalName(
                                        model.thisClass().asInternalName() + CLASS_SUFFIX + groups.size()),
                                key));
                int index = group.sites.size();
                group.sites.add(site);
                group.accessors.add(sites.size());
                sites.add(site);
                if (site.captured().isEmpty()) {
                    code.getstatic(group.name, "s" + index, site.functionalInterface());
                } else {
                    code.invokestatic(
                            group.name,
                            FACTORY_PREFIX + index,
                            MethodTypeDesc.of(site.functionalInterface(), site.captured()));
                }
            }
        }

        /**
         * Whether the written class, in the host's package but not its nest, may call the implementation
         * itself: a member of the host that is not private, or (before nestmates, class files older than
         * Java 11) a member of another class, which javac only names directly when it is accessible from
         * the package. Everything else goes through an accessor in the host.
         */
        private boolean callsDirectly(Site site) {
            DirectMethodHandleDesc target = site.implementation();
            switch (target.kind()) {
                case STATIC, INTERFACE_STATIC, VIRTUAL, INTERFACE_VIRTUAL, CONSTRUCTOR -> {}
                default -> {
                    return false;
                }
            }
            if (!target.owner().equals(self)) {
                return model.majorVersion() < ClassFile.JAVA_11_VERSION && !inJdk(target.owner());
            }
            return model.methods().stream()
                    .anyMatch(method -> method.methodName().equalsString(target.methodName())
                            && method.methodType().equalsString(target.lookupDescriptor())
                            && !method.flags().has(AccessFlag.PRIVATE));
        }

        /**
         * The JDK's caller-sensitive methods ({@code Field::get}, {@code MethodHandles::lookup}, {@code
         * Class::forName}) act for the class that calls them: they must be called from the host, as the
         * metafactory's handle would.
         */
        private static boolean inJdk(ClassDesc owner) {
            String name = internalName(owner);
            return name.startsWith("java/")
                    || name.startsWith("javax/")
                    || name.startsWith("jdk/")
                    || name.startsWith("sun/")
                    || name.startsWith("com/sun/");
        }

        private byte[] lambdaClass(Group group) {
            ClassDesc lambda = group.name;
            Shape shape = group.shape;
            int captures = group.captures();
            List<ClassDesc> interfaces = new ArrayList<>();
            interfaces.add(shape.functionalInterface());
            interfaces.addAll(shape.markers());
            List<ClassDesc> constructorParameters = new ArrayList<>();
            constructorParameters.add(ConstantDescs.CD_int);
            for (int i = 0; i < captures; i++) {
                constructorParameters.add(ConstantDescs.CD_Object);
            }
            MethodTypeDesc constructor = MethodTypeDesc.of(ConstantDescs.CD_void, constructorParameters);
            int version = Math.max(model.majorVersion(), ClassFile.JAVA_8_VERSION);
            return classFile.build(lambda, cb -> {
                cb.withVersion(version, 0)
                        .withFlags(ClassFile.ACC_FINAL | ClassFile.ACC_SUPER | ClassFile.ACC_SYNTHETIC)
                        .withSuperclass(ConstantDescs.CD_Object)
                        .withInterfaceSymbols(interfaces);
                cb.withField("site", ConstantDescs.CD_int, ClassFile.ACC_PRIVATE | ClassFile.ACC_FINAL);
                for (int i = 0; i < captures; i++) {
                    cb.withField("c" + i, ConstantDescs.CD_Object, ClassFile.ACC_PRIVATE | ClassFile.ACC_FINAL);
                }
                cb.withMethodBody(ConstantDescs.INIT_NAME, constructor, ClassFile.ACC_PRIVATE, code -> {
                    code.aload(0)
                            .invokespecial(ConstantDescs.CD_Object, ConstantDescs.INIT_NAME, ConstantDescs.MTD_void);
                    code.aload(0).iload(1).putfield(lambda, "site", ConstantDescs.CD_int);
                    for (int i = 0; i < captures; i++) {
                        code.aload(0).aload(2 + i).putfield(lambda, "c" + i, ConstantDescs.CD_Object);
                    }
                    code.return_();
                });
                boolean anyConstant = false;
                for (int index = 0; index < group.sites.size(); index++) {
                    Site site = group.sites.get(index);
                    if (site.captured().isEmpty()) {
                        anyConstant = true;
                        cb.withField(
                                "s" + index, shape.functionalInterface(), ClassFile.ACC_STATIC | ClassFile.ACC_FINAL);
                    } else {
                        int number = index;
                        cb.withMethodBody(
                                FACTORY_PREFIX + index,
                                MethodTypeDesc.of(shape.functionalInterface(), site.captured()),
                                ClassFile.ACC_STATIC,
                                code -> {
                                    code.new_(lambda).dup().loadConstant(number);
                                    int slot = 0;
                                    for (ClassDesc type : site.captured()) {
                                        TypeKind kind = TypeKind.from(type);
                                        code.loadLocal(kind, slot);
                                        slot += kind.slotSize();
                                        if (type.isPrimitive()) {
                                            box(code, type);
                                        }
                                    }
                                    for (int i = site.captured().size(); i < captures; i++) {
                                        code.aconst_null();
                                    }
                                    code.invokespecial(lambda, ConstantDescs.INIT_NAME, constructor)
                                            .areturn();
                                });
                    }
                }
                if (anyConstant) {
                    cb.withMethodBody(
                            ConstantDescs.CLASS_INIT_NAME, ConstantDescs.MTD_void, ClassFile.ACC_STATIC, code -> {
                                for (int index = 0; index < group.sites.size(); index++) {
                                    if (group.sites.get(index).captured().isEmpty()) {
                                        code.new_(lambda).dup().loadConstant(index);
                                        for (int i = 0; i < captures; i++) {
                                            code.aconst_null();
                                        }
                                        code.invokespecial(lambda, ConstantDescs.INIT_NAME, constructor)
                                                .putstatic(lambda, "s" + index, shape.functionalInterface());
                                    }
                                }
                                code.return_();
                            });
                }
                for (MethodTypeDesc method : shape.methods()) {
                    cb.withMethodBody(
                            shape.interfaceMethod(),
                            method,
                            ClassFile.ACC_PUBLIC | ClassFile.ACC_FINAL,
                            code -> dispatch(code, group, method));
                }
            });
        }

        /** The interface method: a switch on the site, each case the metafactory's adaptation and call. */
        private void dispatch(CodeBuilder code, Group group, MethodTypeDesc method) {
            if (group.sites.size() == 1) {
                forward(code, group, 0, method);
                return;
            }
            List<java.lang.classfile.instruction.SwitchCase> cases = new ArrayList<>();
            List<java.lang.classfile.Label> labels = new ArrayList<>();
            for (int index = 0; index < group.sites.size(); index++) {
                java.lang.classfile.Label label = code.newLabel();
                labels.add(label);
                cases.add(java.lang.classfile.instruction.SwitchCase.of(index, label));
            }
            // Every object carries one of the group's site numbers: the last case doubles as the default.
            code.aload(0).getfield(group.name, "site", ConstantDescs.CD_int);
            code.tableswitch(0, group.sites.size() - 1, labels.getLast(), cases);
            for (int index = 0; index < group.sites.size(); index++) {
                code.labelBinding(labels.get(index));
                forward(code, group, index, method);
            }
        }

        private void forward(CodeBuilder code, Group group, int index, MethodTypeDesc method) {
            Site site = group.sites.get(index);
            MethodTypeDesc target = site.implementation().invocationType();
            List<ClassDesc> captured = site.captured();
            boolean direct = callsDirectly(site);
            if (direct && site.implementation().kind() == DirectMethodHandleDesc.Kind.CONSTRUCTOR) {
                code.new_(site.implementation().owner()).dup();
            }
            for (int i = 0; i < captured.size(); i++) {
                code.aload(0).getfield(group.name, "c" + i, ConstantDescs.CD_Object);
                ClassDesc stored = WRAPPERS.getOrDefault(captured.get(i), captured.get(i));
                adapt(code, ConstantDescs.CD_Object, stored, target.parameterType(i));
            }
            int slot = 1;
            for (int i = 0; i < method.parameterCount(); i++) {
                ClassDesc from = method.parameterType(i);
                TypeKind kind = TypeKind.from(from);
                code.loadLocal(kind, slot);
                slot += kind.slotSize();
                adapt(code, from, site.instantiated().parameterType(i), target.parameterType(captured.size() + i));
            }
            if (direct) {
                invoke(code, site.implementation());
            } else {
                code.invokestatic(self, ACCESSOR_PREFIX + group.accessors.get(index), target, isInterface);
            }
            ClassDesc returned = target.returnType();
            ClassDesc wanted = method.returnType();
            if (wanted.equals(ConstantDescs.CD_void)) {
                TypeKind kind = TypeKind.from(returned);
                if (kind.slotSize() == 1) {
                    code.pop();
                } else if (kind.slotSize() == 2) {
                    code.pop2();
                }
                code.return_();
                return;
            }
            if (returned.equals(ConstantDescs.CD_void)) {
                throw new IllegalStateException("a void implementation for a non-void interface method");
            }
            adapt(code, returned, site.instantiated().returnType(), wanted);
            code.return_(TypeKind.from(wanted));
        }

        private static void loadParameters(CodeBuilder code, MethodTypeDesc type) {
            int slot = 0;
            for (ClassDesc parameter : type.parameterList()) {
                TypeKind kind = TypeKind.from(parameter);
                code.loadLocal(kind, slot);
                slot += kind.slotSize();
            }
        }

        private static void invoke(CodeBuilder code, DirectMethodHandleDesc target) {
            MethodTypeDesc memberType = MethodTypeDesc.ofDescriptor(target.lookupDescriptor());
            switch (target.kind()) {
                case STATIC, INTERFACE_STATIC ->
                    code.invokestatic(target.owner(), target.methodName(), memberType, target.isOwnerInterface());
                case VIRTUAL -> code.invokevirtual(target.owner(), target.methodName(), memberType);
                case INTERFACE_VIRTUAL -> code.invokeinterface(target.owner(), target.methodName(), memberType);
                case SPECIAL, INTERFACE_SPECIAL, CONSTRUCTOR ->
                    code.invokespecial(target.owner(), target.methodName(), memberType, target.isOwnerInterface());
                default -> throw new IllegalStateException("unexpected handle kind " + target.kind());
            }
        }
    }

    private static void box(CodeBuilder code, ClassDesc primitive) {
        ClassDesc wrapper = WRAPPERS.get(primitive);
        code.invokestatic(wrapper, "valueOf", MethodTypeDesc.of(wrapper, primitive));
    }

    private static final Map<ClassDesc, ClassDesc> WRAPPERS = Map.of(
            ConstantDescs.CD_boolean, ConstantDescs.CD_Boolean,
            ConstantDescs.CD_byte, ConstantDescs.CD_Byte,
            ConstantDescs.CD_short, ConstantDescs.CD_Short,
            ConstantDescs.CD_char, ConstantDescs.CD_Character,
            ConstantDescs.CD_int, ConstantDescs.CD_Integer,
            ConstantDescs.CD_long, ConstantDescs.CD_Long,
            ConstantDescs.CD_float, ConstantDescs.CD_Float,
            ConstantDescs.CD_double, ConstantDescs.CD_Double);
    private static final Set<ClassDesc> WRAPPER_TYPES = Set.copyOf(WRAPPERS.values());

    /** The conversions LambdaMetafactory applies: casts, boxing, unboxing and primitive widening. */
    private static void adapt(CodeBuilder code, ClassDesc from, ClassDesc instantiated, ClassDesc to) {
        if (from.equals(to)) {
            return;
        }
        if (!from.isPrimitive() && !to.isPrimitive()) {
            if (!to.equals(ConstantDescs.CD_Object)) {
                code.checkcast(to);
            }
        } else if (from.isPrimitive() && to.isPrimitive()) {
            widen(code, from, to);
        } else if (from.isPrimitive()) {
            ClassDesc wrapper = WRAPPERS.get(from);
            box(code, from);
            if (!to.equals(ConstantDescs.CD_Object) && !to.equals(wrapper)) {
                code.checkcast(to);
            }
        } else {
            // A reference to a primitive: through the value's own wrapper when its type names one (a returned
            // Integer into a long), else the instantiated type's (a generic parameter, a captured value's
            // box), else any Number, as the metafactory converts.
            ClassDesc wrapper = WRAPPER_TYPES.contains(from)
                    ? from
                    : WRAPPER_TYPES.contains(instantiated) ? instantiated : numberOr(to);
            ClassDesc primitive = wrapper.equals(CD_NUMBER) ? to : primitiveOf(wrapper);
            if (!wrapper.equals(from)) {
                code.checkcast(wrapper);
            }
            code.invokevirtual(wrapper, primitive.displayName() + "Value", MethodTypeDesc.of(primitive));
            widen(code, primitive, to);
        }
    }

    private static final ClassDesc CD_NUMBER = ClassDesc.of("java.lang.Number");

    /** What an untyped reference is unboxed through into this primitive. */
    private static ClassDesc numberOr(ClassDesc primitive) {
        return primitive.equals(ConstantDescs.CD_boolean) || primitive.equals(ConstantDescs.CD_char)
                ? WRAPPERS.get(primitive)
                : CD_NUMBER;
    }

    private static ClassDesc primitiveOf(ClassDesc wrapper) {
        for (Map.Entry<ClassDesc, ClassDesc> entry : WRAPPERS.entrySet()) {
            if (entry.getValue().equals(wrapper)) {
                return entry.getKey();
            }
        }
        throw new IllegalStateException("not a wrapper: " + wrapper);
    }

    private static void widen(CodeBuilder code, ClassDesc from, ClassDesc to) {
        TypeKind source = TypeKind.from(from).asLoadable();
        TypeKind target = TypeKind.from(to).asLoadable();
        if (source != target) {
            code.conversion(source, target);
        }
    }
}
