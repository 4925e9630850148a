package sample;

import java.io.Serializable;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntUnaryOperator;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * Every shape of lambda site the metafactory adapts, written so that it compiles for Java 8 (the
 * libraries' class files) and for Java 25 (the project's: nestmates, string concatenation by indy).
 * {@link #results()} is compared between the jar as javac wrote it and as Desugar rewrote it;
 * {@link #lambdas()} shows which objects were spun at run time.
 */
public class Shapes {
    /** A functional interface whose abstract method overrides a generic one: javac asks for a bridge. */
    public interface Shout extends Function<String, String> {
        @Override
        String apply(String text);
    }

    /** A marker added with an intersection cast: the metafactory's markers. */
    public interface Marker {}

    /** Primitive parameters the implementation takes wider. */
    public interface Widening {
        long add(int a, short b);
    }

    /** A caller-sensitive method as an interface: it must act for this class, as the metafactory's lambda does. */
    public interface FieldRead {
        Object get(Field field, Object owner) throws IllegalAccessException;
    }

    /** An interface method named like the written class's factories once were. */
    public interface Of {
        Of of0(int value);
    }

    private final String prefix;
    private final List<Object> lambdas = new ArrayList<Object>();

    public Shapes(String prefix) {
        this.prefix = prefix;
    }

    private String secret(String text) {
        return prefix + text;
    }

    private static int twice(int value) {
        return 2 * value;
    }

    private static long sum(long a, long b) {
        return a + b;
    }

    private static Integer boxedFive() {
        return 5;
    }

    private <T> T seen(T lambda) {
        lambdas.add(lambda);
        return lambda;
    }

    public List<Object> lambdas() {
        return lambdas;
    }

    public Supplier<String> constant() {
        return seen((Supplier<String>) () -> "constant");
    }

    public List<String> results() {
        final List<String> out = new ArrayList<String>();
        Function<String, Integer> length = seen((Function<String, Integer>) String::length);
        out.add("length " + length.apply("abcd"));
        IntUnaryOperator twice = seen((IntUnaryOperator) Shapes::twice);
        out.add("twice " + twice.applyAsInt(21));
        Function<String, String> secret = seen((Function<String, String>) this::secret);
        out.add("secret " + secret.apply("x"));
        final int number = 7;
        final long big = 1L << 40;
        final double half = 0.5;
        final char letter = 'z';
        final boolean flag = true;
        final byte small = -3;
        Supplier<String> primitives = seen(
                (Supplier<String>) () -> number + "/" + big + "/" + half + "/" + letter + "/" + flag + "/" + small);
        out.add("primitives " + primitives.get());
        Supplier<List<String>> created = seen((Supplier<List<String>>) ArrayList::new);
        out.add("constructor " + created.get().size());
        ToLongFunction<Integer> unboxed = seen((ToLongFunction<Integer>) Integer::intValue);
        out.add("unboxed " + unboxed.applyAsLong(5));
        Function<Integer, Long> widened = seen((Function<Integer, Long>) Long::valueOf);
        out.add("widened " + widened.apply(6));
        Widening widening = seen((Widening) Shapes::sum);
        out.add("widening " + widening.add(1, (short) 2));
        Runnable marked = seen((Runnable & Marker) () -> out.add("marked ran"));
        marked.run();
        out.add("marker " + (marked instanceof Marker));
        Shout shout = seen((Shout) text -> text + "!");
        @SuppressWarnings({"unchecked", "rawtypes"})
        Object viaBridge = ((Function) shout).apply("bridge");
        out.add("shout " + shout.apply("hey") + " " + viaBridge);
        Consumer<String> sink = seen((Consumer<String>) out::add);
        sink.accept("sink");
        BiFunction<String, String, String> concat = seen((BiFunction<String, String, String>) String::concat);
        out.add("concat " + concat.apply("a", "b"));
        Comparator<String> byLength = Comparator.comparing(seen((Function<String, Integer>) String::length));
        List<String> words = new ArrayList<String>();
        words.add("ccc");
        words.add("a");
        words.add("bb");
        words.sort(byLength);
        out.add("sorted " + words);
        out.add("same constant " + (constant() == constant()));
        Supplier<String> fromInterface = seen(Helper.exclaim("helper"));
        out.add("interface " + fromInterface.get());
        LongSupplier boxedReturn = seen((LongSupplier) Shapes::boxedFive);
        ToLongFunction<String> parsed = seen((ToLongFunction<String>) Integer::valueOf);
        List<Integer> numbers = Arrays.asList(3, 4);
        ToLongFunction<Integer> erasedReturn = seen((ToLongFunction<Integer>) numbers::get);
        out.add("unboxed returns " + boxedReturn.getAsLong() + " " + parsed.applyAsLong("12") + " "
                + erasedReturn.applyAsLong(1));
        FieldRead read = seen((FieldRead) Field::get);
        try {
            out.add("private field " + read.get(Shapes.class.getDeclaredField("prefix"), this));
        } catch (ReflectiveOperationException e) {
            out.add("private field " + e);
        }
        final int offset = Integer.parseInt("5");
        Of of = seen((Of) value -> offset > value ? null : null);
        out.add("of0 " + of.of0(1));
        Supplier<String> serializable = seen((Supplier<String> & Serializable) () -> "serializable " + prefix);
        out.add(serializable.get());
        return out;
    }

    /** An interface that holds lambdas of its own. */
    public interface Helper {
        static Supplier<String> exclaim(final String text) {
            return () -> text + "!";
        }
    }
}
