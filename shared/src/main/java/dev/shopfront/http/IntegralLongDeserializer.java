package dev.shopfront.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.NumberDeserializers;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.math.BigDecimal;

/**
 * Binds a JSON number to a {@link Long} when its value is a whole number, however it is spelled:
 * {@code 12}, {@code 12.0}, {@code 1.2e1}. JSON has one number type, and the contract's {@code openapi.yaml}
 * (OpenAPI 3.1, JSON Schema 2020-12) calls a number with no fractional part an integer, so such a
 * value is not "of the wrong JSON type". {@code 1.5} still is not an integer; a whole number beyond
 * the range of a long is out of range. Every other input (a string, a boolean) is left to the
 * standard binding and the mapper's coercion rules.
 */
final class IntegralLongDeserializer extends RequestValueDeserializer<Long> {
    private static final long serialVersionUID = 1L;

    /** The standard binding, with every coercion rule of the mapper (a string is not a number). */
    private static final NumberDeserializers.LongDeserializer STANDARD =
            new NumberDeserializers.LongDeserializer(Long.class, null);

    IntegralLongDeserializer() {
        super(Long.class);
    }

    @Override
    public LogicalType logicalType() {
        return LogicalType.Integer;
    }

    @Override
    public Long deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (!parser.hasToken(JsonToken.VALUE_NUMBER_FLOAT)) {
            return STANDARD.deserialize(parser, context);
        }
        BigDecimal number = parser.getDecimalValue();
        if (number.signum() == 0) {
            return 0L;
        }
        // The exponent first: 1e30000000 must not be made plain (BoundedDecimalDeserializer says why).
        if (Math.abs(number.scale()) > BoundedDecimalDeserializer.MAX_SCALE) {
            throw new UnacceptableValueException(parser, BoundedDecimalDeserializer.OUT_OF_RANGE);
        }
        BigDecimal whole = number.stripTrailingZeros();
        if (whole.scale() > 0) {
            throw MismatchedInputException.from(parser, Long.class, "not a whole number");
        }
        try {
            return whole.longValueExact();
        } catch (ArithmeticException e) {
            throw new UnacceptableValueException(parser, BoundedDecimalDeserializer.OUT_OF_RANGE);
        }
    }
}
