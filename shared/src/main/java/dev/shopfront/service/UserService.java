package dev.shopfront.service;

import dev.shopfront.error.ConcurrentChangeException;
import dev.shopfront.error.ForbiddenException;
import dev.shopfront.error.NotFoundException;
import dev.shopfront.error.StorageException;
import dev.shopfront.log.JsonLog;
import dev.shopfront.log.LogLevel;
import dev.shopfront.model.EmailReservationItem;
import dev.shopfront.model.Timestamps;
import dev.shopfront.model.UserItem;
import dev.shopfront.repository.UserRepository;
import dev.shopfront.schema.UserCreate;
import dev.shopfront.schema.UserOut;
import dev.shopfront.schema.UserUpdate;
import java.time.Clock;
import java.util.UUID;

/** The rules of the Users API: one user per email, passwords only as hashes, partial updates. */
public final class UserService {

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
        return create(request, UUID.randomUUID().toString());
    }

    /**
     * A new user under {@code id}; when a user of that id already has this email, that one. An attempt
     * of an idempotent request gives the id of its first attempt, so it finds the user that attempt
     * wrote if the answer was lost, and the email reservation, naming the same id, is its own
     * (docs/idempotency.md).
     *
     * @throws dev.shopfront.error.EmailTakenException when the email belongs to another user
     */
    public UserOut create(UserCreate request, String id) {
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
        requireFreshOrRelease(reservation);
        // No release if this write fails: see requireFreshOrRelease.
        if (users.insertIfAbsent(user)) {
            return UserLookup.toOut(user);
        }
        // Ids are chosen by the server: one in use is this request's earlier attempt, or a bug.
        return users.find(id)
                .filter(existing -> request.email().equals(existing.getEmail()))
                .map(UserLookup::toOut)
                .orElseThrow(() -> new StorageException("User id " + id + " is already in use", null));
    }

    /**
     * Changes the given fields only. A new email is claimed before the user changes, and the old one
     * released after.
     *
     * @throws ForbiddenException when {@code id} is not the caller
     * @throws NotFoundException when there is no such user
     * @throws dev.shopfront.error.EmailTakenException when the new email belongs to another user
     */
    public UserOut update(String callerId, String id, UserUpdate request) {
        UserLookup.requireSelf(callerId, id);
        UserItem current = users.find(id).orElseThrow(UserLookup::notFound);
        boolean emailChanges = request.email() != null && !request.email().equals(current.getEmail());

        UserItem changes = new UserItem();
        changes.setId(id);
        changes.setName(request.name());
        changes.setPasswordHash(request.password() == null ? null : passwords.hash(request.password()));
        changes.setUpdatedAt(Timestamps.format(clock.instant()));
        if (!emailChanges) {
            return UserLookup.toOut(users.update(changes, null));
        }

        changes.setEmail(request.email());
        EmailReservationItem reservation = emails.claim(request.email(), id);
        requireFreshOrRelease(reservation);
        // Conditional on the old email: of two concurrent email changes, only one lands. No release
        // of the new address if this write fails: see requireFreshOrRelease.
        UserItem updated;
        try {
            updated = users.update(changes, current.getEmail());
        } catch (NotFoundException | ConcurrentChangeException conditionFailed) {
            // A failed condition is a certain answer: nothing was written, the claim can go now, unless an identical
            // change of the same user landed meanwhile under it (EmailReservations.withdraw).
            emails.withdraw(reservation);
            throw conditionFailed;
        }
        releaseAfterSuccess(current.getEmail(), id);
        return UserLookup.toOut(updated);
    }

    /**
     * @throws ForbiddenException when {@code id} is not the caller
     * @throws NotFoundException when there is no such user
     */
    public void delete(String callerId, String id) {
        UserLookup.requireSelf(callerId, id);
        UserItem deleted = users.delete(id).orElseThrow(UserLookup::notFound);
        if (deleted.getEmail() != null) {
            releaseAfterSuccess(deleted.getEmail(), id);
        }
        // else the delete's answer was lost: the clean-up trigger releases the address from the stream's old image
    }

    /**
     * Gives the address back at once when the claim is too old to write under: nothing was written.
     * Once the user write has been attempted, a failure never releases the claim: the write may have
     * landed with only its answer lost (a timeout, a retry that meets its own first attempt), and
     * releasing would free an address a stored user holds. Left behind, a claim whose user does not
     * have the address counts for nobody and becomes free after the grace period.
     */
    private void requireFreshOrRelease(EmailReservationItem reservation) {
        try {
            emails.requireFresh(reservation);
        } catch (RuntimeException tooOld) {
            try {
                emails.withdraw(reservation);
            } catch (StorageException releaseFailed) {
                tooOld.addSuppressed(releaseFailed);
            }
            throw tooOld;
        }
    }

    private void releaseAfterSuccess(String email, String userId) {
        try {
            emails.release(email, userId);
        } catch (StorageException releaseFailed) {
            // The change itself is done; the leftover reservation names a user who no longer has the
            // address, so it does not count and the address can be taken once the grace period passes.
            JsonLog.at(LogLevel.WARN, "Could not release an email reservation; it will expire")
                    .field("userId", userId)
                    .failure(releaseFailed)
                    .write();
        }
    }

    /** Users act on their own account only. */
}
