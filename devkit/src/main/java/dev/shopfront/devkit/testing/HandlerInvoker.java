package dev.shopfront.devkit.testing;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import dev.shopfront.devkit.triggers.EventInvoker;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * A handler behind an {@link EventInvoker}: the event JSON is read, and the response written, by the
 * serializers the Lambda Java runtime uses for those types, so a test invokes it as Lambda would.
 */
public final class HandlerInvoker<I, O> implements EventInvoker {
    private final RequestHandler<I, O> handler;
    private final PojoSerializer<I> input;
    private final List<RecordingContext> contexts = new CopyOnWriteArrayList<>();

    private HandlerInvoker(RequestHandler<I, O> handler, Class<I> eventType) {
        this.handler = handler;
        this.input = serializerFor(eventType);
    }

    public static <I, O> HandlerInvoker<I, O> of(RequestHandler<I, O> handler, Class<I> eventType) {
        return new HandlerInvoker<>(handler, eventType);
    }

    @Override
    public byte[] invoke(byte[] eventJson) {
        I event = input.fromJson(new ByteArrayInputStream(eventJson));
        RecordingContext context = new RecordingContext();
        contexts.add(context);
        O response = handler.handleRequest(event, context);
        if (response == null) {
            return "null".getBytes(StandardCharsets.UTF_8);
        }
        @SuppressWarnings("unchecked")
        PojoSerializer<O> output = (PojoSerializer<O>) serializerFor(response.getClass());
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        output.toJson(response, json);
        return json.toByteArray();
    }

    /** How many times the handler was invoked. */
    public int invocations() {
        return contexts.size();
    }

    /** Everything the handler logged, over every invocation. */
    public String log() {
        return contexts.stream().map(RecordingContext::log).collect(Collectors.joining("\n"));
    }

    @SuppressWarnings("unchecked")
    private static <T> PojoSerializer<T> serializerFor(Class<T> type) {
        if (LambdaEventSerializers.isLambdaSupportedEvent(type.getName())) {
            return LambdaEventSerializers.serializerFor(type, type.getClassLoader());
        }
        return JacksonFactory.getInstance().getSerializer(type);
    }
}
