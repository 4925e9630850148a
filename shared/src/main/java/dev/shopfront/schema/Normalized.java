package dev.shopfront.schema;

import java.math.BigDecimal;
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

    /**
     * A JSON number in its shortest plain form, so every spelling of one price is checked, stored and
     * answered alike: {@code 1234.50} is 1234.5, {@code 19.990} is 19.99, {@code 1e7} is 10000000.
     */
    public static BigDecimal decimal(BigDecimal number) {
        if (number == null) {
            return null;
        }
        BigDecimal stripped = number.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
