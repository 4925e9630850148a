package dev.shopfront.service;

import dev.shopfront.error.ForbiddenException;
import dev.shopfront.error.NotFoundException;
import dev.shopfront.error.UnauthorizedException;
import dev.shopfront.model.UserItem;
import dev.shopfront.repository.UserRepository;
import dev.shopfront.schema.UserOut;

/**
 * Reads the caller's own user: all that {@code GET /users/{id}} and {@code GET /users/me} need, so their
 * functions build neither the password hasher nor the email reservations (issue 9: each function builds
 * only what it uses).
 */
public final class UserLookup {
    private final UserRepository users;

    public UserLookup(UserRepository users) {
        this.users = users;
    }

    /**
     * The user {@code id}, which must be the caller.
     *
     * @throws ForbiddenException when {@code id} is someone else's
     * @throws NotFoundException when the user is gone
     */
    public UserOut get(String callerId, String id) {
        requireSelf(callerId, id);
        return toOut(users.find(id).orElseThrow(UserLookup::notFound));
    }

    /**
     * The caller's own user.
     *
     * @throws UnauthorizedException when the token's user no longer exists
     */
    public UserOut me(String callerId) {
        return toOut(
                users.find(callerId).orElseThrow(() -> new UnauthorizedException("The token's user no longer exists")));
    }

    static void requireSelf(String callerId, String id) {
        if (!id.equals(callerId)) {
            throw new ForbiddenException("You can only act on your own user");
        }
    }

    static NotFoundException notFound() {
        return new NotFoundException("User not found");
    }

    static UserOut toOut(UserItem user) {
        return new UserOut(user.getId(), user.getEmail(), user.getName(), user.getCreatedAt(), user.getUpdatedAt());
    }
}
