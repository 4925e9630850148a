package dev.shopfront.repository;

import dev.shopfront.model.ProductItem;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Stored products. Failures of the store surface as {@link dev.shopfront.error.StorageException}. */
public interface ProductRepository {
    /**
     * Writes the product unless one with its id exists already (left as it is).
     *
     * @return true when written, false when the id was in use
     */
    boolean insertIfAbsent(ProductItem product);

    /**
     * Sends the write {@link #insertIfAbsent} sends for {@code product}, under a condition no item can meet,
     * so the store checks it and stores nothing: SnapStart priming of the write path (docs/snapstart.md).
     */
    void rehearseInsert(ProductItem product);

    /** A strongly consistent read. */
    Optional<ProductItem> find(String id);

    /**
     * Writes the non-null attributes of {@code changes} and increments the version, atomically, if the
     * product exists, belongs to {@code ownerId} and (when {@code acceptedVersions} is not null) is at one of
     * those versions.
     *
     * @return the product after the change
     * @throws dev.shopfront.error.NotFoundException when there is no such product
     * @throws dev.shopfront.error.ForbiddenException when it belongs to someone else
     * @throws dev.shopfront.error.PreconditionFailedException when its version is none of {@code acceptedVersions}
     */
    ProductItem update(ProductItem changes, String ownerId, Set<Long> acceptedVersions);

    /** Deletes under the same conditions as {@link #update}, with the same exceptions. */
    void delete(String id, String ownerId, Set<Long> acceptedVersions);

    /**
     * Deletes the product if it still belongs to {@code ownerId}, whatever its version.
     *
     * @return false when it is gone or belongs to someone else now: nothing was deleted
     */
    boolean deleteOwnedBy(String id, String ownerId);

    /**
     * One page of a list: newest first for a category or an owner, in table order for all products.
     *
     * @param startKey where the previous page stopped (its {@link Page#nextKey()}), or null for the first
     */
    Page list(Scope scope, int limit, Map<String, String> startKey);

    /** Which products a list holds. */
    sealed interface Scope {
        /** Every product, in table order. */
        record AllProducts() implements Scope {}

        /** One category's products, newest first, from the category index. */
        record InCategory(String category) implements Scope {}

        /** One owner's products, newest first, from the owner index. */
        record OwnedBy(String ownerId) implements Scope {}
    }

    /** A page of products and the key to continue after, null on the last page. */
    record Page(List<ProductItem> items, Map<String, String> nextKey) {}
}
