package dev.shopfront.schema;

import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.CodePointLength;

/** The body of {@code POST /auth/token}; the email arrives normalized, so case does not matter at sign-in. */
public record TokenRequest(
        @NotNull(message = "is required") @ValidEmail String email,

        @NotNull(message = "is required") @CodePointLength(min = 1, max = 128, message = "must be 1 to 128 characters")
        String password) {

    public TokenRequest {
        email = Normalized.email(email);
    }

    @Override
    public String toString() {
        return "TokenRequest[email=" + email + "]";
    }
}
