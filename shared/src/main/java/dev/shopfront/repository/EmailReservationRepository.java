package dev.shopfront.repository;

import dev.shopfront.model.EmailReservationItem;
import java.util.Optional;

/** Claims on email addresses, each written and removed only under a condition (docs/email-uniqueness.md). */
public interface EmailReservationRepository {
    /** Writes the reservation if the address has none; false when it has one. */
    boolean reserve(EmailReservationItem reservation);

    /** A strongly consistent read. */
    Optional<EmailReservationItem> find(String email);

    /**
     * Replaces {@code stale} with {@code replacement} only if the stored reservation is still
     * exactly {@code stale} (same owner, same time); false when anyone else got there first.
     */
    boolean takeOver(EmailReservationItem stale, EmailReservationItem replacement);

    /** Removes the address's reservation if it names {@code userId}; false when it is gone or names someone else. */
    boolean release(String email, String userId);

    /**
     * Removes exactly {@code claim} (same user, same time); false when it is gone or was taken over since, by
     * another request of the same user among others.
     */
    boolean withdraw(EmailReservationItem claim);
}
