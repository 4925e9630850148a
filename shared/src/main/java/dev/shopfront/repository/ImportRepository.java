package dev.shopfront.repository;

import dev.shopfront.model.ImportItem;
import java.util.List;
import java.util.Optional;

/** Stored bulk imports, by id. Failures of the store surface as {@link dev.shopfront.error.StorageException}. */
public interface ImportRepository {
    /** Writes a new import whose id is not in use. */
    void insert(ImportItem importItem);

    /** A strongly consistent read. */
    Optional<ImportItem> find(String id);

    /**
     * Counts the outcomes and adds their indexes to {@code settled}, in one atomic write, only if the
     * import exists and none of those indexes is settled yet.
     *
     * @param outcomes at least one, at most {@link #MAX_SETTLED_PER_WRITE}, of distinct indexes
     * @return false, having written nothing, when the import is gone or one of the indexes was settled already
     */
    boolean settle(String id, List<ImportItem.Outcome> outcomes, String updatedAt);

    /**
     * The most outcomes one {@link #settle} takes: each index adds a clause to the write's condition,
     * and DynamoDB allows an expression 4 KB.
     */
    int MAX_SETTLED_PER_WRITE = 100;
}
