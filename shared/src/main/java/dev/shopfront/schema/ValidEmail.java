package dev.shopfront.schema;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * The contract's email rule: a valid address, at most 254 characters, whose domain has a dot.
 * Reported as one violation so the field gets one entry in {@code errors[]}. Null is valid here
 * (pair with {@code @NotNull} where the field is required).
 */
@Documented
@Constraint(validatedBy = {})
@Target({FIELD, METHOD, PARAMETER, RECORD_COMPONENT})
@Retention(RUNTIME)
@ReportAsSingleViolation
@Email
// Bean Validation's @Email accepts "a@b"; the contract wants a domain with a dot and no empty label. Nor
// does it refuse every space and invisible character: a no-break space (\p{Z}) or a zero-width space or
// direction override (\p{C}) in an address would make two addresses that look alike. U+FFFD is what a
// decoder leaves of bytes that were not UTF-8, so two different addresses sent that way would be one.
@Pattern(regexp = "^[^@\\s\\p{Z}\\p{C}\\x{FFFD}]+@[^@\\s\\p{Z}\\p{C}\\x{FFFD}.]+(\\.[^@\\s\\p{Z}\\p{C}\\x{FFFD}.]+)+$")
@Size(max = 254)
public @interface ValidEmail {
    String message() default "must be a valid email address of at most 254 characters";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
