package dev.shopfront.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.NumberDeserializers;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.math.BigDecimal;

/**
 * Binds a JSON number to a {@link BigDecimal} whose exponent is bounded. The text of a number is
 * short (at most {@link Json#MAX_NUMBER_LENGTH} digits), but its exponent is not: {@code 1e30000000} is 11
 * characters, and anything that makes it plain (normalizing, {@code toPlainString}, {@code setScale})
 * builds a number of thirty million digits. Such a value is refused here, before any arithmetic.
 */
final class BoundedDecimalDeserializer extends RequestValueDeserializer<BigDecimal> {
    private static final long serialVersionUID = 1L;

    /**
     * The largest scale (digits after the point) and the largest negative scale (zeros implied before
     * it) a bound number may have: far beyond every range and precision the contract takes.
     */
    static final int MAX_SCALE = 100;

    static final String OUT_OF_RANGE = "is out of range";

    BoundedDecimalDeserializer() {
        super(BigDecimal.class);
    }

    @Override
    public LogicalType logicalType() {
        return LogicalType.Float;
    }

    @Override
    public BigDecimal deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        // The standard binding keeps every coercion rule of the mapper (a string is not a number).
        BigDecimal number = NumberDeserializers.BigDecimalDeserializer.instance.deserialize(parser, context);
        if (number != null && number.signum() != 0 && Math.abs(number.scale()) > MAX_SCALE) {
            throw new UnacceptableValueException(parser, OUT_OF_RANGE);
        }
        return number;
    }
}
