package dev.shopfront.schema;

import java.util.List;

/**
 * A bulk import as the API returns it. {@code status} is {@code "done"} once every item is settled
 * ({@code created + failed == total}), {@code "pending"} before.
 */
public record ImportOut(
        String id,
        String ownerId,
        String status,
        int total,
        int created,
        int failed,
        List<ImportError> errors,
        String createdAt,
        String updatedAt) {

    public static final String PENDING = "pending";
    public static final String DONE = "done";
}
