package dev.shopfront.users;

import static dev.shopfront.devkit.testing.JsonBody.json;
import static dev.shopfront.users.CreateUserHandlerTest.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shopfront.devkit.testing.Answer;
import dev.shopfront.service.Argon2idPasswordHasher;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The contract's "stored only as an Argon2id hash (PHC string)", checked on the raw items. */
class PasswordStorageTest extends UsersTestBed {
    /** Argon2id v1.3 PHC string: memory, iterations, parallelism, then a base64 salt and hash without padding. */
    private static final Pattern PHC = Pattern.compile(
            "^\\$argon2id\\$v=19\\$m=(\\d+),t=(\\d+),p=(\\d+)\\$[A-Za-z0-9+/]{22,}\\$[A-Za-z0-9+/]{43,}$");

    @Test
    void create_storesOnlyAnArgon2idHashOfThePassword() {
        // given
        String password = "Tr0ub4dor&3-unique-1";

        // when
        String id = api.create(json("email", unique("hash"), "password", password, "name", "Hash"))
                .id();

        // then
        assertFalse(stored.anyItemMentions(password), "no stored attribute holds the plaintext password");
        String hash = StoredItems.text(stored.user(id).orElseThrow(), "passwordHash");
        assertOwaspArgon2id(hash);
        assertTrue(new Argon2idPasswordHasher().verify(password, hash));
    }

    @Test
    void update_replacesTheHashAndStoresNoPlaintext() {
        // given
        String oldPassword = "first-secret-2";
        String newPassword = "second-secret-3";
        String id = api.register(unique("rehash"), oldPassword);
        String oldHash = StoredItems.text(stored.user(id).orElseThrow(), "passwordHash");

        // when
        Answer answer = api.update(id, json("password", newPassword));

        // then
        assertEquals(200, answer.status(), answer::toString);
        assertFalse(answer.body().contains(newPassword));
        assertFalse(stored.anyItemMentions(newPassword), "no stored attribute holds the new password");
        assertFalse(stored.anyItemMentions(oldPassword), "nor the old one");
        String newHash = StoredItems.text(stored.user(id).orElseThrow(), "passwordHash");
        assertNotEquals(oldHash, newHash);
        assertOwaspArgon2id(newHash);
        Argon2idPasswordHasher hasher = new Argon2idPasswordHasher();
        assertTrue(hasher.verify(newPassword, newHash));
        assertFalse(hasher.verify(oldPassword, newHash));
    }

    @Test
    void create_storesDifferentHashes_forTwoUsersWithOnePassword() {
        String password = "shared-secret-4";

        String first = api.register(unique("one"), password);
        String second = api.register(unique("two"), password);

        assertNotEquals(
                StoredItems.text(stored.user(first).orElseThrow(), "passwordHash"),
                StoredItems.text(stored.user(second).orElseThrow(), "passwordHash"),
                "each hash has its own salt");
    }

    /** Argon2id at OWASP's minimum (m=19456 KiB, t=2, p=1) or stronger. */
    private static void assertOwaspArgon2id(String hash) {
        Matcher phc = PHC.matcher(hash);
        assertTrue(phc.matches(), () -> "not an Argon2id PHC string: " + hash);
        assertTrue(
                hash.startsWith("$argon2id$v=19$m=19456,t=2,p=1$")
                        || Integer.parseInt(phc.group(1)) >= 19456 && Integer.parseInt(phc.group(2)) >= 2,
                () -> "weaker than OWASP's minimum: " + hash);
        assertTrue(Integer.parseInt(phc.group(3)) >= 1);
    }
}
