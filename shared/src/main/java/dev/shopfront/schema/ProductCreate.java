package dev.shopfront.schema;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.math.BigDecimal;
import org.hibernate.validator.constraints.CodePointLength;

/**
 * The body of {@code POST /products}. {@code price} is read from the JSON number's text straight into a
 * {@link BigDecimal}, never through {@code double}, and arrives in its shortest form ({@code 1234.50} is
 * 1234.5); {@code name} arrives trimmed.
 */
public record ProductCreate(
        @NotNull(message = "is required")
        @CodePointLength(min = 1, max = 200, message = "must be 1 to 200 characters after trimming")
        String name,

        @NotNull(message = "is required")
        @DecimalMin(value = "0", message = "must be from 0 to 10000000")
        @DecimalMax(value = "10000000", message = "must be from 0 to 10000000")
        @Digits(integer = 8, fraction = 2, message = "must have at most two decimal places")
        BigDecimal price,

        @NotNull(message = "is required") @Iso4217 String currency,

        @CodePointLength(max = 2000, message = "must be at most 2000 characters")
        String description,

        @Min(value = 0, message = "must be from 0 to 1000000000")
        @Max(value = 1_000_000_000, message = "must be from 0 to 1000000000")
        Long stock,

        @Pattern(regexp = ProductCreate.CATEGORY, message = "must be 1 to 50 characters of a-z, 0-9 and -")
        String category) {

    /** The contract's category rule, shared by the list query parameter. */
    public static final String CATEGORY = "^[a-z0-9-]{1,50}$";

    public ProductCreate {
        name = Normalized.trimmed(name);
        price = Normalized.decimal(price);
    }
}
