package dev.shopfront.schema;

import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/** A partial update must change something: a body with none of its fields is invalid. */
@Documented
@Constraint(validatedBy = AtLeastOneField.Validator.class)
@Target(TYPE)
@Retention(RUNTIME)
public @interface AtLeastOneField {
    String message() default "give at least one field";

    /**
     * The JSON properties of which one must be given. A body with none fails each of them, so a client that
     * shows errors next to its fields shows this one too (API.md: validation errors name their fields).
     */
    String[] fields();

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Implemented by the records this constraint is put on. */
    interface Checked {
        boolean hasAnyField();
    }

    /** Checks {@link Checked#hasAnyField()}. */
    final class Validator implements ConstraintValidator<AtLeastOneField, Checked> {
        @Override
        public boolean isValid(Checked value, ConstraintValidatorContext context) {
            return value == null || value.hasAnyField();
        }
    }
}
