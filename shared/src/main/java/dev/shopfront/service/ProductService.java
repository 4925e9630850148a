package dev.shopfront.service;

import dev.shopfront.error.NotFoundException;
import dev.shopfront.error.StorageException;
import dev.shopfront.error.UnauthorizedException;
import dev.shopfront.model.ProductItem;
import dev.shopfront.model.Timestamps;
import dev.shopfront.repository.ProductRepository;
import dev.shopfront.repository.UserRepository;
import dev.shopfront.schema.ProductCreate;
import dev.shopfront.schema.ProductOut;
import dev.shopfront.schema.ProductUpdate;
import java.time.Clock;
import java.util.Set;
import java.util.UUID;

/** The catalogue's rules: owners change their own products, versions grow by one per change, prices stay exact. */
public final class ProductService {
    /** The nil UUID: never a product's or user's id, which are random version-4 UUIDs. */
    private static final String NIL_ID = "00000000-0000-0000-0000-000000000000";

    private final ProductRepository products;
    private final UserRepository users;
    private final Clock clock;

    public ProductService(ProductRepository products, UserRepository users, Clock clock) {
        this.products = products;
        this.users = users;
        this.clock = clock;
    }

    /**
     * A new product owned by the caller, at version 1.
     *
     * @throws UnauthorizedException when the caller's user no longer exists
     */
    public ProductOut create(String callerId, ProductCreate request) {
        return create(callerId, request, UUID.randomUUID().toString());
    }

    /**
     * A new product owned by the caller, at version 1, under {@code id}; when the caller already has a
     * product of that id, that one. An attempt of an idempotent request gives the id of its first
     * attempt, and so finds the product that attempt created if its answer was lost
     * (docs/idempotency.md).
     *
     * @throws UnauthorizedException when the caller's user no longer exists
     */
    public ProductOut create(String callerId, ProductCreate request, String id) {
        requireExistingUser(callerId);
        ProductItem product = newProduct(id, callerId, request, Timestamps.format(clock.instant()));
        if (products.insertIfAbsent(product)) {
            // Read again after the write: the user may have been deleted since the check, and the clean-up the
            // deletion triggers may have listed their products before this one existed. A write this read does
            // not see gone came before the deletion, so that clean-up finds it.
            if (users.find(callerId).isEmpty()) {
                products.deleteOwnedBy(id, callerId);
                throw new UnauthorizedException("The token's user no longer exists");
            }
            return toOut(product);
        }
        // Ids are chosen by the server: one in use is the caller's earlier attempt, or a bug.
        return products.find(id)
                .filter(existing -> callerId.equals(existing.getOwnerId()))
                .map(ProductService::toOut)
                .orElseThrow(() -> new StorageException("Product id " + id + " is already in use", null));
    }

    /**
     * Runs {@link #create}'s write for {@code request} (the product built, its item written under a
     * condition no item meets), storing nothing: SnapStart priming of the path a first create takes after
     * the caller check, which priming's own requests never pass (docs/snapstart.md).
     */
    public void rehearseCreate(ProductCreate request) {
        products.rehearseInsert(newProduct(NIL_ID, NIL_ID, request, Timestamps.format(clock.instant())));
    }

    /** A product as first stored, at version 1: by {@link #create} and by the bulk import alike. */
    static ProductItem newProduct(String id, String ownerId, ProductCreate request, String now) {
        ProductItem product = new ProductItem();
        product.setId(id);
        product.setOwnerId(ownerId);
        product.setName(request.name());
        product.setDescription(request.description());
        product.setPrice(request.price());
        product.setCurrency(request.currency());
        product.setStock(request.stock() == null ? 0L : request.stock());
        product.setCategory(request.category());
        product.setCreatedAt(now);
        product.setUpdatedAt(now);
        product.setVersion(1L);
        return product;
    }

    /** @throws NotFoundException when there is no such product */
    public ProductOut get(String id) {
        return new ProductLookup(products).get(id);
    }

    /**
     * Writes the given fields only, one version up.
     *
     * @param acceptedVersions from {@code If-Match}, or null to change whatever the current version is
     */
    public ProductOut update(String callerId, String id, ProductUpdate request, Set<Long> acceptedVersions) {
        requireExistingUser(callerId);
        ProductItem changes = new ProductItem();
        changes.setId(id);
        changes.setName(request.name());
        changes.setDescription(request.description());
        changes.setPrice(request.price());
        changes.setCurrency(request.currency());
        changes.setStock(request.stock());
        changes.setCategory(request.category());
        changes.setUpdatedAt(Timestamps.format(clock.instant()));
        return toOut(products.update(changes, callerId, acceptedVersions));
    }

    /** @param acceptedVersions from {@code If-Match}, or null */
    public void delete(String callerId, String id, Set<Long> acceptedVersions) {
        requireExistingUser(callerId);
        products.delete(id, callerId, acceptedVersions);
    }

    /**
     * A token outlives its user in the authorizer's cache; writes, and replays of a create's answer, check the
     * user is still there.
     *
     * @throws UnauthorizedException when the caller's user no longer exists
     */
    public void requireExistingUser(String callerId) {
        if (users.find(callerId).isEmpty()) {
            throw new UnauthorizedException("The token's user no longer exists");
        }
    }

    static ProductOut toOut(ProductItem product) {
        return new ProductOut(
                product.getId(),
                product.getOwnerId(),
                product.getName(),
                product.getDescription(),
                product.getPrice(),
                product.getCurrency(),
                product.getStock() == null ? 0 : product.getStock(),
                product.getCategory(),
                product.getCreatedAt(),
                product.getUpdatedAt(),
                product.getVersion());
    }
}
