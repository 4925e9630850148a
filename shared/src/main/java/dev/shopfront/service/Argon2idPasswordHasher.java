package dev.shopfront.service;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

/** Argon2id with OWASP's minimum parameters (19 MiB, 2 iterations, parallelism 1), stored as a PHC string. */
public final class Argon2idPasswordHasher implements PasswordHasher {
    static final int MEMORY_KIB = 19 * 1024;
    static final int ITERATIONS = 2;
    static final int PARALLELISM = 1;
    static final int HASH_BYTES = 32;
    static final int SALT_BYTES = 16;

    private static final Argon2Function ARGON2ID =
            Argon2Function.getInstance(MEMORY_KIB, ITERATIONS, PARALLELISM, HASH_BYTES, Argon2.ID, 19);

    @Override
    public String hash(String password) {
        return Password.hash(password).addRandomSalt(SALT_BYTES).with(ARGON2ID).getResult();
    }

    @Override
    public boolean verify(String password, String hash) {
        if (hash == null || !hash.startsWith("$argon2id$")) {
            return false;
        }
        try {
            // The parameters come from the stored hash, so hashes made with older settings still verify.
            return Password.check(password, hash).with(Argon2Function.getInstanceFromHash(hash));
        } catch (IllegalArgumentException | IndexOutOfBoundsException unreadableHash) {
            return false;
        }
    }
}
