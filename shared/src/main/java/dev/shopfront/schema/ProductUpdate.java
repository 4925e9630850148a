package dev.shopfront.schema;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.math.BigDecimal;
import org.hibernate.validator.constraints.CodePointLength;

/** The body of {@code PATCH /products/{id}}: any of the create fields, at least one; only those given are written. */
@AtLeastOneField(
        fields = {"name", "price", "currency", "description", "stock", "category"},
        message = "give at least one of name, price, currency, description, stock, category")
public record ProductUpdate(
        @CodePointLength(min = 1, max = 200, message = "must be 1 to 200 characters after trimming")
        String name,

        @DecimalMin(value = "0", message = "must be from 0 to 10000000")
        @DecimalMax(value = "10000000", message = "must be from 0 to 10000000")
        @Digits(integer = 8, fraction = 2, message = "must have at most two decimal places")
        BigDecimal price,

        @Iso4217 String currency,

        @CodePointLength(max = 2000, message = "must be at most 2000 characters")
        String description,

        @Min(value = 0, message = "must be from 0 to 1000000000")
        @Max(value = 1_000_000_000, message = "must be from 0 to 1000000000")
        Long stock,

        @Pattern(regexp = ProductCreate.CATEGORY, message = "must be 1 to 50 characters of a-z, 0-9 and -")
        String category)
        implements AtLeastOneField.Checked {

    public ProductUpdate {
        name = Normalized.trimmed(name);
        price = Normalized.decimal(price);
    }

    @Override
    public boolean hasAnyField() {
        return name != null
                || price != null
                || currency != null
                || description != null
                || stock != null
                || category != null;
    }
}
