package dev.shopfront.model;

import java.util.List;
import java.util.Set;

/**
 * A bulk import as stored in the imports table: its counts, the indexes of the items already settled
 * (created or failed) and the errors of the failed ones. An index enters {@code settled} once, in the
 * same write that counts it, so no item is ever counted twice (docs/bulk-import.md).
 *
 * @param settled the indexes settled so far, a DynamoDB number set
 * @param errors one entry per failed field of each failed item, in the order they were settled
 */
public record ImportItem(
        String id,
        String ownerId,
        int total,
        int created,
        int failed,
        Set<Integer> settled,
        List<Error> errors,
        String createdAt,
        String updatedAt) {

    public ImportItem {
        settled = Set.copyOf(settled);
        errors = List.copyOf(errors);
    }

    /** True once every item is settled. */
    public boolean done() {
        return created + failed == total;
    }

    /**
     * Why one item failed.
     *
     * @param field the JSON property at fault, or null for the item as a whole
     */
    public record Error(int index, String field, String message) {}

    /**
     * What became of one item, to be settled: created, or failed with at least one error.
     */
    public record Outcome(int index, boolean created, List<Error> errors) {
        public Outcome {
            errors = List.copyOf(errors);
            if (created != errors.isEmpty()) {
                throw new IllegalArgumentException("A created item has no errors; a failed one has at least one");
            }
        }

        public static Outcome created(int index) {
            return new Outcome(index, true, List.of());
        }

        public static Outcome failed(int index, List<Error> errors) {
            return new Outcome(index, false, errors);
        }
    }
}
