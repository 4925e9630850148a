package dev.shopfront.products;

import static dev.shopfront.devkit.testing.JsonBody.string;

import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** One broken rule per case, for the fields create and update share: the field, its raw JSON value and the problem kind. */
final class InvalidFields {
    static final String VALIDATION = "validation-error";
    static final String WRONG_TYPE = "invalid-body";

    private InvalidFields() {}

    /** (label, field, raw JSON value, problem kind) */
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("blank name", "name", string("   "), VALIDATION),
                Arguments.of("empty name", "name", string(""), VALIDATION),
                Arguments.of("name of 201 characters", "name", string("n".repeat(201)), VALIDATION),
                Arguments.of(
                        "name of 201 characters after trimming",
                        "name",
                        string("  " + "n".repeat(201) + "  "),
                        VALIDATION),
                Arguments.of("name as a number", "name", "42", WRONG_TYPE),
                Arguments.of("description of 2001 characters", "description", string("d".repeat(2001)), VALIDATION),
                Arguments.of("negative price", "price", "-0.01", VALIDATION),
                Arguments.of("price above 10000000", "price", "10000000.01", VALIDATION),
                Arguments.of("price with three decimals", "price", "1.999", VALIDATION),
                Arguments.of("price as a JSON string", "price", string("19.99"), WRONG_TYPE),
                Arguments.of("lower-case currency", "currency", string("eur"), VALIDATION),
                Arguments.of("four-letter currency", "currency", string("EURO"), VALIDATION),
                Arguments.of("currency not in ISO 4217", "currency", string("XYZ"), VALIDATION),
                Arguments.of("currency as a number", "currency", "978", WRONG_TYPE),
                Arguments.of("negative stock", "stock", "-1", VALIDATION),
                Arguments.of("stock above 1000000000", "stock", "1000000001", VALIDATION),
                Arguments.of("fractional stock", "stock", "1.5", WRONG_TYPE),
                Arguments.of("stock as a JSON string", "stock", string("5"), WRONG_TYPE),
                Arguments.of("upper-case category", "category", string("Shoes"), VALIDATION),
                Arguments.of("category of 51 characters", "category", string("c".repeat(51)), VALIDATION),
                Arguments.of("category with an underscore", "category", string("a_b"), VALIDATION),
                Arguments.of("empty category", "category", string(""), VALIDATION),
                Arguments.of("unknown property", "colour", string("green"), WRONG_TYPE),
                Arguments.of(
                        "owner given by the client",
                        "ownerId",
                        string("7d9f5b0e-3c2a-4f7e-9b1d-2a6c8e4f0a11"),
                        WRONG_TYPE),
                Arguments.of("version given by the client", "version", "7", WRONG_TYPE),
                // null is a JSON type of its own, which no property takes (openapi.yaml): never "not given".
                Arguments.of("null name", "name", "null", WRONG_TYPE),
                Arguments.of("null description", "description", "null", WRONG_TYPE),
                Arguments.of("null price", "price", "null", WRONG_TYPE),
                Arguments.of("null currency", "currency", "null", WRONG_TYPE),
                Arguments.of("null stock", "stock", "null", WRONG_TYPE),
                Arguments.of("null category", "category", "null", WRONG_TYPE));
    }
}
