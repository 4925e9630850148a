package dev.shopfront.service;

import dev.shopfront.error.UnauthorizedException;
import dev.shopfront.model.EmailReservationItem;
import dev.shopfront.model.UserItem;
import dev.shopfront.repository.EmailReservationRepository;
import dev.shopfront.repository.UserRepository;
import dev.shopfront.schema.TokenOut;
import dev.shopfront.schema.TokenRequest;
import java.util.Optional;
import java.util.UUID;

/** Sign-in: a token for an email and password (token checks: {@link Authenticator}). */
public final class AuthService {
    /**
     * An Argon2id hash (same parameters as real ones) of a password nobody has. Verifying against it
     * for an unknown email costs what a real check costs, so timing does not tell which emails exist.
     */
    static final String DUMMY_HASH =
            "$argon2id$v=19$m=19456,t=2,p=1$MPglNxvjY+Hp1OcilDp3JA$iTTBMWnSfTtUVP5iS1tn0kdZOZevXwh1VRvJ1UYGvFQ";

    static final String WRONG_CREDENTIALS = "Email or password is wrong";

    private final UserRepository users;
    private final EmailReservationRepository emails;
    private final PasswordHasher passwords;
    private final AccessTokens tokens;

    public AuthService(
            UserRepository users, EmailReservationRepository emails, PasswordHasher passwords, AccessTokens tokens) {
        this.users = users;
        this.emails = emails;
        this.passwords = passwords;
        this.tokens = tokens;
    }

    /**
     * A token for the user with this email and password.
     *
     * @throws UnauthorizedException alike for an unknown email and a wrong password
     */
    public TokenOut signIn(TokenRequest request) {
        // The reservation is the index from email to user; it counts only if the user still has the email.
        Optional<String> userId = emails.find(request.email()).map(EmailReservationItem::getUserId);
        // Read a user on both paths, so the unknown email does not answer one read sooner.
        Optional<UserItem> user = users.find(
                        userId.orElseGet(() -> UUID.randomUUID().toString()))
                .filter(found -> request.email().equals(found.getEmail()));
        boolean matches = passwords.verify(
                request.password(), user.map(UserItem::getPasswordHash).orElse(DUMMY_HASH));
        if (user.isEmpty() || !matches) {
            throw new UnauthorizedException(WRONG_CREDENTIALS);
        }
        return TokenOut.bearer(
                tokens.issue(user.get().getId()), tokens.lifetime().toSeconds());
    }
}
