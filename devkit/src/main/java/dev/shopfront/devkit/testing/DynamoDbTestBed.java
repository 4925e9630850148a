package dev.shopfront.devkit.testing;

import dev.shopfront.devkit.junit.DynamoDbExtension;
import dev.shopfront.devkit.junit.TestDynamoDb;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a test of the template's tables starts from, for a function module's test bed to extend: the
 * class's own tables and queues (through {@link DynamoDbExtension}) and, per test, a clock at
 * {@link #CREATED} the test may move and {@link FaultyClients} for the failures it injects.
 */
@ExtendWith(DynamoDbExtension.class)
public abstract class DynamoDbTestBed {
    /** The instant each test starts at. */
    public static final String CREATED = "2026-11-24T22:11:28.123Z";
    /** What {@link #perClass} made, by the tables of the class it was made for and its name. */
    private static final Map<List<Object>, Object> PER_CLASS = new ConcurrentHashMap<>();

    /** The test class's tables and queues. */
    protected TestDynamoDb db;
    /** A clock at {@link #CREATED}, fresh for each test. */
    protected MutableClock clock;
    /** Clients carrying injected failures, closed after each test. */
    @RegisterExtension
    protected final FaultyClients faulty = new FaultyClients();

    @BeforeEach
    protected final void setUpTables(TestDynamoDb db) {
        this.db = db;
        this.clock = MutableClock.at(CREATED);
    }

    /**
     * The value {@code make} returns, made once for the test class (each has tables of its own): for what
     * costs time to make, such as a registered user (a password hash, about 60 ms).
     */
    protected final <T> T perClass(String name, Function<TestDynamoDb, T> make) {
        @SuppressWarnings("unchecked")
        T value = (T) PER_CLASS.computeIfAbsent(List.of(db.tableNames(), name), key -> make.apply(db));
        return value;
    }
}
