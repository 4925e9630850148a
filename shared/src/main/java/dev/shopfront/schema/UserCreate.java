package dev.shopfront.schema;

import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.CodePointLength;

/** The body of {@code POST /users}; email and name arrive normalized (trimmed, email lower-cased). */
public record UserCreate(
        @NotNull(message = "is required") @ValidEmail String email,

        @NotNull(message = "is required") @CodePointLength(min = 8, max = 128, message = "must be 8 to 128 characters")
        String password,

        @CodePointLength(min = 1, max = 100, message = "must be 1 to 100 characters after trimming")
        String name) {

    public UserCreate {
        email = Normalized.email(email);
        name = Normalized.trimmed(name);
    }

    @Override
    public String toString() {
        // Never print the password, whoever logs this record.
        return "UserCreate[email=" + email + ", name=" + name + "]";
    }
}
