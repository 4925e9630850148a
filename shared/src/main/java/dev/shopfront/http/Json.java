package dev.shopfront.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.math.BigDecimal;

/** The one strict JSON mapper, built once per container. */
public final class Json {
    /**
     * Strict on the way in: unknown properties, duplicate keys, trailing content and every
     * scalar coercion ({@code "1"} for a number, {@code 1} for a string, {@code 1.5} for an integer) fail,
     * while a whole number written with a fraction or an exponent ({@code 12.0}, {@code 1e3}) is an integer;
     * so do a number of more than {@link #MAX_NUMBER_LENGTH} digits, a decimal whose exponent is out
     * of all proportion ({@code 1e30000000}) and a string holding a lone surrogate.
     */
    public static final ObjectMapper MAPPER = strictMapper();

    /**
     * The most digits a number may have (those of its integer part, fraction and exponent together).
     * Every spelling of a value the contract takes fits many times over; the bound keeps what a number
     * can cost small (Jackson's default is 1000).
     */
    public static final int MAX_NUMBER_LENGTH = 100;

    /**
     * The most digits a number may have while a list of items is read ({@code ItemList}; Jackson's default). A
     * longer one than {@link #MAX_NUMBER_LENGTH} fails only its item when the item is checked; beyond this bound the
     * parser stops, and the request is refused.
     */
    public static final int MAX_LISTED_NUMBER_LENGTH = 1000;

    /** The mapper's parser settings, with {@link #MAX_LISTED_NUMBER_LENGTH}: for the bodies that are lists of items. */
    static final JsonFactory ITEM_LISTS = MAPPER.getFactory()
            .rebuild()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNumberLength(MAX_LISTED_NUMBER_LENGTH)
                    .build())
            .build();

    private Json() {}

    private static ObjectMapper strictMapper() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNumberLength(MAX_NUMBER_LENGTH)
                        .build())
                .build();
        // Every number and string of a request passes these bounds before anything computes with it.
        SimpleModule bounded = new SimpleModule("bounded-values")
                .addDeserializer(BigDecimal.class, new BoundedDecimalDeserializer())
                .addDeserializer(Long.class, new IntegralLongDeserializer())
                .addDeserializer(String.class, new ScalarTextDeserializer());
        JsonMapper mapper = JsonMapper.builder(factory)
                .addModule(bounded)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                // 10000000 stays 10000000 on the way out, never 1E+7.
                .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
                .build();
        for (CoercionInputShape scalar : new CoercionInputShape[] {
            CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean
        }) {
            mapper.coercionConfigFor(LogicalType.Textual).setCoercion(scalar, CoercionAction.Fail);
        }
        for (LogicalType number : new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
            mapper.coercionConfigFor(number).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
            mapper.coercionConfigFor(number).setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        return mapper;
    }
}
