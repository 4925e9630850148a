package dev.shopfront.schema;

import java.math.BigDecimal;
import java.util.Locale;

/** How the contract normalizes text before it is checked and stored. */
public final class Normalized {
    /** Far beyond every number the contract takes; the binding refuses larger exponents first. */
    static final int MAX_PLAIN_INTEGER_DIGITS = 200;

    private Normalized() {}

    /**
     * Trimmed and lower-cased: two addresses that differ only in case are the same user. Lower-casing alone is not
     * enough for letters with more than one lower-case form: {@code ΣΑΣ} lower-cases to {@code σας} (a final sigma),
     * while {@code σασ} stays as it is, though both upper-case to {@code ΣΑΣ}; the long s, the micro sign and Greek
     * symbol forms are alike. So each letter is then taken to the lower case of its upper case (Unicode's simple case
     * folding), and {@code σας} and {@code σασ} are one address, {@code σασ}.
     */
    public static String email(String email) {
        if (email == null) {
            return null;
        }
        StringBuilder folded = new StringBuilder(email.length());
        trimmed(email)
                .toLowerCase(Locale.ROOT)
                .codePoints()
                .forEach(letter -> folded.appendCodePoint(Character.toLowerCase(Character.toUpperCase(letter))));
        return folded.toString();
    }

    /**
     * Without leading and trailing white space of every kind: {@link String#strip()}'s, and the Unicode
     * space separators it keeps (the no-break spaces U+00A0, U+2007 and U+202F), so a name of no-break
     * spaces is as empty as one of spaces, and an address pasted with one is the same address.
     */
    public static String trimmed(String text) {
        if (text == null) {
            return null;
        }
        int start = 0;
        int end = text.length();
        while (start < end && blank(text.charAt(start))) {
            start++;
        }
        while (end > start && blank(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }

    private static boolean blank(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    /**
     * A JSON number in its shortest plain form, so every spelling of one price is checked, stored and
     * answered alike: {@code 1234.50} is 1234.5, {@code 19.990} is 19.99, {@code 1e7} is 10000000.
     * A number of more than {@value #MAX_PLAIN_INTEGER_DIGITS} integer digits is returned as it is,
     * for validation to refuse: making {@code 1e30000000} plain would build thirty million digits.
     */
    public static BigDecimal decimal(BigDecimal number) {
        if (number == null) {
            return null;
        }
        BigDecimal stripped = number.stripTrailingZeros();
        if (stripped.scale() >= 0 || (long) stripped.precision() - stripped.scale() > MAX_PLAIN_INTEGER_DIGITS) {
            return stripped;
        }
        return stripped.setScale(0);
    }
}
