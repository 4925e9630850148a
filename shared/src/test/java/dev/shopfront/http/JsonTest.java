package dev.shopfront.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {
    /** One property of each scalar kind the API's records use. */
    record Sample(String text, Integer count, Boolean flag, BigDecimal amount) {}

    record Primitive(int count) {}

    @Test
    void reads_wellTypedJson() throws Exception {
        Sample sample =
                Json.MAPPER.readValue("{\"text\":\"a\",\"count\":1,\"flag\":true,\"amount\":19.99}", Sample.class);

        assertEquals(new Sample("a", 1, true, new BigDecimal("19.99")), sample);
        assertEquals(new Primitive(7), Json.MAPPER.readValue("{\"count\":7}", Primitive.class));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "{\"count\":\"1\"}",
                "{\"count\":1.5}",
                "{\"count\":1.0}",
                "{\"count\":null}",
                "{\"count\":false}"
            })
    void rejects_coercionsIntoAPrimitiveInt(String json) {
        assertThrows(MismatchedInputException.class, () -> Json.MAPPER.readValue(json, Primitive.class));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "{\"count\":\"1\"}",
                "{\"count\":\"\"}",
                "{\"count\":1.5}",
                "{\"count\":1.0}",
                "{\"count\":true}",
                "{\"text\":1}",
                "{\"text\":1.5}",
                "{\"text\":true}",
                "{\"text\":{}}",
                "{\"text\":[\"a\"]}",
                "{\"flag\":\"true\"}",
                "{\"flag\":1}",
                "{\"amount\":\"19.99\"}"
            })
    void rejects_everyScalarCoercion(String json) {
        assertThrows(MismatchedInputException.class, () -> Json.MAPPER.readValue(json, Sample.class));
    }

    @Test
    void rejects_unknownProperty() {
        assertThrows(
                UnrecognizedPropertyException.class,
                () -> Json.MAPPER.readValue("{\"text\":\"a\",\"extra\":1}", Sample.class));
    }

    @Test
    void rejects_duplicateKeys() {
        assertThrows(
                JsonProcessingException.class,
                () -> Json.MAPPER.readValue("{\"text\":\"a\",\"text\":\"b\"}", Sample.class));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{\"text\":\"a\"} {}", "{\"text\":\"a\"}x", "{\"text\":\"a\"}]", "{\"text\":\"a\"} 1"})
    void rejects_trailingContent(String json) {
        assertThrows(JsonProcessingException.class, () -> Json.MAPPER.readValue(json, Sample.class));
    }

    @Test
    void keepsDecimalsExactly() throws Exception {
        Sample sample = Json.MAPPER.readValue("{\"amount\":0.1}", Sample.class);

        assertEquals("0.1", sample.amount().toPlainString());
        assertEquals(
                "{\"text\":null,\"count\":null,\"flag\":null,\"amount\":0.1}", Json.MAPPER.writeValueAsString(sample));
    }
}
