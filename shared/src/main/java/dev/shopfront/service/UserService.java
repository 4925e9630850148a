package dev.shopfront.service;

import dev.shopfront.error.NotFoundException;
import dev.shopfront.error.StorageException;
import dev.shopfront.model.EmailReservationItem;
import dev.shopfront.model.Timestamps;
import dev.shopfront.model.UserItem;
import dev.shopfront.repository.UserRepository;
import dev.shopfront.schema.UserCreate;
import dev.shopfront.schema.UserOut;
import dev.shopfront.schema.UserUpdate;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.UUID;

/** The rules of the Users API: one user per email, passwords only as hashes, partial updates. */
public final class UserService {
    private static final System.Logger LOG = System.getLogger(UserService.class.getName());

    private final UserRepository users;
    private final EmailReservations emails;
    private final PasswordHasher passwords;
    private final Clock clock;

    public UserService(UserRepository users, EmailReservations emails, PasswordHasher passwords, Clock clock) {
        this.users = users;
        this.emails = emails;
        this.passwords = passwords;
        this.clock = clock;
    }

    /** @throws dev.shopfront.error.EmailTakenException when the email belongs to another user */
    public UserOut create(UserCreate request) {
        String id = UUID.randomUUID().toString();
        // Hash first: the slow step stays outside the window between reservation and user write.
        String passwordHash = passwords.hash(request.password());
        String now = Timestamps.format(clock.instant());

        UserItem user = new UserItem();
        user.setId(id);
        user.setEmail(request.email());
        user.setName(request.name());
        user.setPasswordHash(passwordHash);
        user.setCreatedAt(now);
        user.setUpdatedAt(now);

        EmailReservationItem reservation = emails.claim(request.email(), id);
        try {
            emails.requireFresh(reservation);
            users.insert(user);
        } catch (RuntimeException e) {
            releaseAfterFailure(request.email(), id, e);
            throw e;
        }
        return toOut(user);
    }

    /** @throws NotFoundException when there is no such user */
    public UserOut get(String id) {
        return toOut(users.find(id).orElseThrow(UserService::notFound));
    }

    /**
     * Changes the given fields only. A new email is claimed before the user changes, and the old one
     * released after.
     *
     * @throws NotFoundException when there is no such user
     * @throws dev.shopfront.error.EmailTakenException when the new email belongs to another user
     */
    public UserOut update(String id, UserUpdate request) {
        UserItem current = users.find(id).orElseThrow(UserService::notFound);
        boolean emailChanges = request.email() != null && !request.email().equals(current.getEmail());

        UserItem changes = new UserItem();
        changes.setId(id);
        changes.setName(request.name());
        changes.setPasswordHash(request.password() == null ? null : passwords.hash(request.password()));
        changes.setUpdatedAt(Timestamps.format(clock.instant()));
        if (!emailChanges) {
            return toOut(users.update(changes, null));
        }

        changes.setEmail(request.email());
        EmailReservationItem reservation = emails.claim(request.email(), id);
        UserItem updated;
        try {
            emails.requireFresh(reservation);
            // Conditional on the old email: of two concurrent email changes, only one lands.
            updated = users.update(changes, current.getEmail());
        } catch (RuntimeException e) {
            releaseAfterFailure(request.email(), id, e);
            throw e;
        }
        releaseAfterSuccess(current.getEmail(), id);
        return toOut(updated);
    }

    /** @throws NotFoundException when there is no such user */
    public void delete(String id) {
        UserItem deleted = users.delete(id).orElseThrow(UserService::notFound);
        releaseAfterSuccess(deleted.getEmail(), id);
    }

    private void releaseAfterFailure(String email, String userId, RuntimeException failure) {
        try {
            emails.release(email, userId);
        } catch (StorageException releaseFailed) {
            // Left behind, the reservation counts for nobody and becomes free after the grace period.
            failure.addSuppressed(releaseFailed);
        }
    }

    private void releaseAfterSuccess(String email, String userId) {
        try {
            emails.release(email, userId);
        } catch (StorageException releaseFailed) {
            // The change itself is done; the leftover reservation names a user who no longer has the
            // address, so it does not count and the address can be taken once the grace period passes.
            LOG.log(Level.WARNING, "Could not release email reservation of user " + userId + "; it will expire", releaseFailed);
        }
    }

    private static NotFoundException notFound() {
        return new NotFoundException("User not found");
    }

    private static UserOut toOut(UserItem user) {
        return new UserOut(user.getId(), user.getEmail(), user.getName(), user.getCreatedAt(), user.getUpdatedAt());
    }
}
