package dev.shopfront.service;

/** One-way password hashing. */
public interface PasswordHasher {
    /** A self-describing hash (PHC string) of {@code password}, with a fresh random salt. */
    String hash(String password);

    /** Whether {@code password} matches {@code hash}; false for a hash this hasher cannot read. */
    boolean verify(String password, String hash);
}
