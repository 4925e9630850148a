package dev.shopfront.service;

/**
 * How the digest of a request (SHA-256 of its content type and body) is kept in its idempotency
 * record, and how a repeat's digest is compared with it.
 */
public interface FingerprintSeal {
    /** The digest as it is: for bodies that hold nothing secret. */
    FingerprintSeal PLAIN = new FingerprintSeal() {
        @Override
        public String seal(String digest) {
            return digest;
        }

        @Override
        public boolean matches(String sealed, String digest) {
            return digest.equals(sealed);
        }
    };

    /** What the record keeps of {@code digest}. */
    String seal(String digest);

    /** Whether {@code digest} is the one {@code sealed} was made from. */
    boolean matches(String sealed, String digest);

    /**
     * Only a salted hash of the digest, for bodies that hold a password: the plain digest of
     * {@code {"email":...,"password":...}} would be an unsalted SHA-256 of the password, which a
     * reader of the table could guess at billions a second. Costs one hash per keyed request and one
     * more per repeat.
     */
    static FingerprintSeal hashedWith(PasswordHasher hasher) {
        return new FingerprintSeal() {
            @Override
            public String seal(String digest) {
                return hasher.hash(digest);
            }

            @Override
            public boolean matches(String sealed, String digest) {
                return hasher.verify(digest, sealed);
            }
        };
    }
}
