package dev.shopfront.schema;

import java.util.Locale;

/** How the contract normalizes text before it is checked and stored. */
public final class Normalized {
    private Normalized() {
    }

    /** Trimmed and lower-cased: two addresses that differ only in case are the same user. */
    public static String email(String email) {
        return email == null ? null : email.strip().toLowerCase(Locale.ROOT);
    }

    public static String trimmed(String text) {
        return text == null ? null : text.strip();
    }
}
