package dev.shopfront.devkit.testing;

import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Reads the Lambda events a test module keeps in {@code src/test/resources/events} and hands them over as the Lambda Java runtime would. */
public final class TestEvents {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ClassValue<PojoSerializer<?>> RUNTIME_SERIALIZERS = new ClassValue<>() {
        @Override
        protected PojoSerializer<?> computeValue(Class<?> type) {
            return LambdaEventSerializers.serializerFor(type, type.getClassLoader());
        }
    };

    private TestEvents() {}

    /** The JSON of {@code events/<file>} on the test class path. */
    public static ObjectNode load(String file) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = TestEvents.class.getClassLoader();
        }
        try (InputStream in = loader.getResourceAsStream("events/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("No test event events/" + file);
            }
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code event} as a {@code type}, made by the serializer the Lambda Java runtime uses for that event type. */
    public static <T> T toLambdaEvent(Class<T> type, ObjectNode event) {
        @SuppressWarnings("unchecked")
        PojoSerializer<T> serializer = (PojoSerializer<T>) RUNTIME_SERIALIZERS.get(type);
        try {
            return serializer.fromJson(JSON.writeValueAsString(event));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
