package dev.shopfront.auth;

import dev.shopfront.service.Argon2idPasswordHasher;
import dev.shopfront.service.PasswordHasher;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The real Argon2id hasher, counting its checks and keeping the hashes it was asked to check against. */
final class CountingPasswordHasher implements PasswordHasher {
    private final PasswordHasher real = new Argon2idPasswordHasher();
    private final List<String> verifiedAgainst = new CopyOnWriteArrayList<>();

    @Override
    public String hash(String password) {
        return real.hash(password);
    }

    @Override
    public boolean verify(String password, String hash) {
        verifiedAgainst.add(hash);
        return real.verify(password, hash);
    }

    /** The hashes passed to {@link #verify}, one per call, in order. */
    List<String> verifiedAgainst() {
        return List.copyOf(verifiedAgainst);
    }

    void reset() {
        verifiedAgainst.clear();
    }
}
