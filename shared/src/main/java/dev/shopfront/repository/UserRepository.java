package dev.shopfront.repository;

import dev.shopfront.model.UserItem;
import java.util.Optional;

/** Stored users, by id. Failures of the store surface as {@link dev.shopfront.error.StorageException}. */
public interface UserRepository {
    /** A strongly consistent read. */
    Optional<UserItem> find(String id);

    /**
     * Writes the user unless one with its id exists already (left as it is).
     *
     * @return true when written, false when the id was in use
     */
    boolean insertIfAbsent(UserItem user);

    /**
     * Writes the non-null attributes of {@code changes} to the existing user of the same id, leaving
     * the others as they are.
     *
     * @param expectedEmail when not null, the stored email must still be this one
     * @return the user as stored after the change
     * @throws dev.shopfront.error.NotFoundException when the user does not exist
     * @throws dev.shopfront.error.ConcurrentChangeException when the stored email is not {@code expectedEmail}
     */
    UserItem update(UserItem changes, String expectedEmail);

    /**
     * Deletes the user, returning what was stored, or empty when there was none. When this call's own earlier attempt
     * deleted it and that answer was lost, the user it returns holds only the id.
     */
    Optional<UserItem> delete(String id);
}
