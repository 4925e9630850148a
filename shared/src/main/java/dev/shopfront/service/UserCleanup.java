package dev.shopfront.service;

import dev.shopfront.model.ProductItem;
import dev.shopfront.repository.EmailReservationRepository;
import dev.shopfront.repository.ProductRepository;
import dev.shopfront.repository.ProductRepository.Scope;
import java.util.Map;

/**
 * What a deleted user leaves behind is removed after the user is gone: their products and, if it still
 * names them, their email reservation (docs/user-cleanup.md). Safe to run any number of times for one
 * user: every delete is conditional on the item still being that user's, and a missing item is fine.
 */
public final class UserCleanup {
    /** Products read per query of the owner index; each page costs the same whatever the user owns. */
    static final int PAGE_SIZE = 100;

    private final ProductRepository products;
    private final EmailReservationRepository reservations;

    public UserCleanup(ProductRepository products, EmailReservationRepository reservations) {
        this.products = products;
        this.reservations = reservations;
    }

    /** What one clean-up removed; zero and false when an earlier run had already done it. */
    public record Outcome(int productsDeleted, boolean emailReleased) {}

    /**
     * Deletes every product {@code userId} owns, then releases {@code email}'s reservation if it names them.
     *
     * @param email the address the user had when deleted, or null when it is not known (nothing is released)
     * @throws dev.shopfront.error.StorageException when the store fails; what was done stays done, and a
     *     rerun carries on from there
     */
    public Outcome removeLeftoversOf(String userId, String email) {
        int deleted = 0;
        Map<String, String> startKey = null;
        do {
            // Paging with the last key read, never re-reading page one: the index is eventually consistent,
            // and a product just deleted may still be listed for a moment.
            ProductRepository.Page page = products.list(new Scope.OwnedBy(userId), PAGE_SIZE, startKey);
            for (ProductItem product : page.items()) {
                // Conditional on the owner: a product that changed hands since it was listed is not theirs to lose.
                if (products.deleteOwnedBy(product.getId(), userId)) {
                    deleted++;
                }
            }
            startKey = page.nextKey();
        } while (startKey != null);
        // Products first: if this fails, the record is retried, and the reservation is released on that run.
        boolean released = email != null && reservations.release(email, userId);
        return new Outcome(deleted, released);
    }
}
