package dev.shopfront.repository;

import dev.shopfront.model.IdempotencyItem;
import java.util.Map;
import java.util.Optional;

/**
 * Idempotency records, each written only under a condition (docs/idempotency.md). Failures of the
 * store surface as {@link dev.shopfront.error.StorageException}.
 */
public interface IdempotencyRepository {
    /**
     * Writes {@code record} if its id has no record, or only one that expired at or before
     * {@code nowSeconds}; false when a live record is there.
     */
    boolean create(IdempotencyItem record, long nowSeconds);

    /** A strongly consistent read. */
    Optional<IdempotencyItem> find(String id);

    /**
     * Gives the lease of an in-progress record to {@code owner}, only if the record is still exactly
     * as {@code seen} (same lease owner, same lease end); false when another attempt got there first.
     */
    boolean takeOver(IdempotencyItem seen, String owner, long leaseUntilMillis, long expiresAt);

    /** Saves the answer and marks the record completed, if {@code owner} still holds its lease. */
    boolean complete(String id, String owner, int status, Map<String, String> headers, String body, long expiresAt);

    /** Ends the lease now, keeping the record, if {@code owner} still holds it. */
    boolean endLease(String id, String owner, long nowMillis);

    /** Deletes the record, if {@code owner} still holds its lease. */
    boolean delete(String id, String owner);
}
