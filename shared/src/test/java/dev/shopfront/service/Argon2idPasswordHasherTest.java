package dev.shopfront.service;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class Argon2idPasswordHasherTest {
    /** PHC string of Argon2id v1.3 at OWASP's minimum: a 16-byte salt and 32-byte hash, base64 without padding. */
    private static final Pattern PHC =
            Pattern.compile("^\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}$");

    private final Argon2idPasswordHasher hasher = new Argon2idPasswordHasher();

    @Test
    void hash_isAnArgon2idPhcString() {
        String hash = hasher.hash("correct horse");

        assertTrue(PHC.matcher(hash).matches(), hash);
        assertFalse(hash.contains("correct horse"));
    }

    @Test
    void hash_differsForOnePasswordHashedTwice() {
        assertNotEquals(hasher.hash("correct horse"), hasher.hash("correct horse"));
    }

    @Test
    void verify_isTrueForThePassword_andFalseForAnyOther() {
        String hash = hasher.hash("correct horse");

        assertTrue(hasher.verify("correct horse", hash));
        assertFalse(hasher.verify("correct horsE", hash));
        assertFalse(hasher.verify("correct horse ", hash));
        assertFalse(hasher.verify("", hash));
    }

    @Test
    void verify_handlesNonAsciiPasswords() {
        String password = "pässwörd-ü-✓-😀";
        String hash = hasher.hash(password);

        assertTrue(hasher.verify(password, hash));
        assertFalse(hasher.verify("passwörd-ü-✓-😀", hash));
    }

    @Test
    void verify_readsParametersFromTheHash_soOlderSettingsStillVerify() {
        String older = Password.hash("correct horse")
                .addRandomSalt(16)
                .with(Argon2Function.getInstance(12288, 3, 1, 32, Argon2.ID, 19))
                .getResult();

        assertTrue(older.startsWith("$argon2id$v=19$m=12288,t=3,p=1$"), older);
        assertTrue(hasher.verify("correct horse", older));
        assertFalse(hasher.verify("wrong horse", older));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @NullSource
    @ValueSource(
            strings = {
                "",
                "correct horse",
                "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy",
                "$argon2i$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g",
                "$argon2id$v=19$m=19456,t=2,p=1$",
                "$argon2id$garbage"
            })
    void verify_isFalse_forAHashItCannotRead(String hash) {
        assertFalse(hasher.verify("correct horse", hash));
    }

    @Test
    void verify_isFalse_forATamperedHash() {
        String hash = hasher.hash("correct horse");
        char last = hash.charAt(hash.length() - 1);
        String tampered = hash.substring(0, hash.length() - 1) + (last == 'A' ? 'B' : 'A');

        assertFalse(hasher.verify("correct horse", tampered));
    }
}
