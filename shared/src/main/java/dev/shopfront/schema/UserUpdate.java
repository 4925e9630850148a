package dev.shopfront.schema;

import org.hibernate.validator.constraints.CodePointLength;

/** The body of {@code PATCH /users/{id}}: any of the fields, at least one; a field left out is not changed. */
@AtLeastOneField(
        fields = {"email", "password", "name"},
        message = "give at least one of email, password, name")
public record UserUpdate(
        @ValidEmail String email,

        @CodePointLength(min = 8, max = 128, message = "must be 8 to 128 characters")
        String password,

        @CodePointLength(min = 1, max = 100, message = "must be 1 to 100 characters after trimming")
        String name)
        implements AtLeastOneField.Checked {

    public UserUpdate {
        email = Normalized.email(email);
        name = Normalized.trimmed(name);
    }

    @Override
    public boolean hasAnyField() {
        return email != null || password != null || name != null;
    }

    @Override
    public String toString() {
        return "UserUpdate[email=" + email + ", password=" + (password == null ? "absent" : "given") + ", name=" + name
                + "]";
    }
}
