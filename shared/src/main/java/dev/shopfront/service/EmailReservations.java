package dev.shopfront.service;

import dev.shopfront.error.ConcurrentChangeException;
import dev.shopfront.error.EmailTakenException;
import dev.shopfront.error.StorageException;
import dev.shopfront.model.EmailReservationItem;
import dev.shopfront.repository.EmailReservationRepository;
import dev.shopfront.repository.UserRepository;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * One user per email without transactions: an address is claimed by a conditional write of a
 * reservation naming the user, before the user is written. See docs/email-uniqueness.md.
 */
public final class EmailReservations {
    private static final int ATTEMPTS = 4;

    private final EmailReservationRepository reservations;
    private final UserRepository users;
    private final Clock clock;
    private final Duration grace;

    /**
     * @param grace how long a reservation that does not (yet) count is still honoured; it must be
     *     longer than the function timeout, so a request still running never loses its claim
     */
    public EmailReservations(
            EmailReservationRepository reservations, UserRepository users, Clock clock, Duration grace) {
        this.reservations = reservations;
        this.users = users;
        this.clock = clock;
        this.grace = grace;
    }

    /**
     * Claims {@code email} for {@code userId}.
     *
     * @return the reservation now held
     * @throws EmailTakenException when another user holds the address, or another request is claiming it now
     */
    public EmailReservationItem claim(String email, String userId) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            EmailReservationItem mine = new EmailReservationItem(email, userId, clock.millis());
            if (reservations.reserve(mine)) {
                return mine;
            }
            Optional<EmailReservationItem> found = reservations.find(email);
            if (found.isEmpty()) {
                continue; // released between our write and our read: try again
            }
            EmailReservationItem held = found.get();
            if (!held.getUserId().equals(userId)) {
                if (counts(held) || !isStale(held)) {
                    // A fresh reservation that does not count yet belongs to a request writing its user now.
                    throw new EmailTakenException();
                }
            }
            // Ours from an earlier attempt, or stale: renew it under a condition naming what we saw.
            if (reservations.takeOver(held, mine)) {
                return mine;
            }
        }
        throw new ConcurrentChangeException("The email address is being claimed by other requests; try again");
    }

    /**
     * Refuses to write a user under a reservation that has grown old: past the grace period another
     * request may take it over. Half the grace period leaves the write ample time to land.
     */
    public void requireFresh(EmailReservationItem reservation) {
        if (clock.millis() - reservation.getReservedAtMillis() > grace.toMillis() / 2) {
            throw new StorageException("Email reservation for a user expired before the user was written", null);
        }
    }

    /** Releases the address if it still names {@code userId}. */
    public void release(String email, String userId) {
        reservations.release(email, userId);
    }

    /**
     * Gives back {@code claim} after its user write failed its condition (this request wrote nothing), unless the
     * user has the address now: another request of the same user changing to the same address, which took the
     * claim over as its own user's, has landed, and the reservation is its. Removed only if it is still exactly
     * this claim, so a claim another request of the user renewed since is left to that request.
     */
    public void withdraw(EmailReservationItem claim) {
        boolean userHasIt = users.find(claim.getUserId())
                .map(user -> claim.getEmail().equals(user.getEmail()))
                .orElse(false);
        if (!userHasIt) {
            reservations.withdraw(claim);
        }
    }

    private boolean counts(EmailReservationItem held) {
        return users.find(held.getUserId())
                .map(user -> held.getEmail().equals(user.getEmail()))
                .orElse(false);
    }

    private boolean isStale(EmailReservationItem held) {
        return clock.millis() - held.getReservedAtMillis() > grace.toMillis();
    }
}
