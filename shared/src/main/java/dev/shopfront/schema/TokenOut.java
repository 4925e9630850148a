package dev.shopfront.schema;

/** A signed access token: send it as {@code Authorization: Bearer <accessToken>} for {@code expiresIn} seconds. */
public record TokenOut(String accessToken, String tokenType, long expiresIn) {
    public static TokenOut bearer(String accessToken, long expiresIn) {
        return new TokenOut(accessToken, "Bearer", expiresIn);
    }
}
