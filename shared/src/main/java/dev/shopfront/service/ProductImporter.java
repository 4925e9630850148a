package dev.shopfront.service;

import dev.shopfront.model.ImportItem;
import dev.shopfront.model.Timestamps;
import dev.shopfront.repository.ImportRepository;
import dev.shopfront.repository.ProductRepository;
import dev.shopfront.repository.UserRepository;
import dev.shopfront.schema.ImportMessage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Creates the products of one import message exactly once, however often the message is delivered
 * and wherever a delivery stopped: each item's product has an id derived from the import and the
 * item's index, written only if absent, and each item is counted once (docs/bulk-import.md).
 */
public final class ProductImporter {
    /** The error of an item not created because its owner was deleted before it was settled. */
    public static final String OWNER_DELETED = "was not created: its owner was deleted";

    private final ImportRepository imports;
    private final ProductRepository products;
    private final UserRepository users;
    private final ImportItemRules rules;
    private final ImportSettlement settlement;
    private final Clock clock;

    public ProductImporter(
            ImportRepository imports,
            ProductRepository products,
            UserRepository users,
            ImportItemRules rules,
            Clock clock) {
        this.imports = imports;
        this.products = products;
        this.users = users;
        this.rules = rules;
        this.settlement = new ImportSettlement(imports);
        this.clock = clock;
    }

    /**
     * Creates the message's products not created yet and settles the items not settled yet.
     *
     * @throws dev.shopfront.error.StorageException when the store fails: the message must be delivered again
     * @throws IllegalStateException when the message does not belong to a stored import: it never will
     */
    public Imported importMessage(ImportMessage message) {
        ImportItem current = imports.find(message.importId())
                .orElseThrow(() -> new IllegalStateException(
                        "Import " + message.importId() + " does not exist; its message cannot be imported"));
        if (!current.ownerId().equals(message.ownerId())) {
            throw new IllegalStateException("The message names another owner than import " + message.importId());
        }
        Map<Integer, ImportMessage.Entry> unsettled = new LinkedHashMap<>();
        for (ImportMessage.Entry entry : message.items()) {
            if (entry.index() < 0 || entry.index() >= current.total()) {
                throw new IllegalStateException("Import " + message.importId() + " has no item " + entry.index());
            }
            // Settled by an earlier delivery of this message: its product exists or it failed for good.
            if (!current.settled().contains(entry.index())) {
                unsettled.putIfAbsent(entry.index(), entry);
            }
        }
        if (unsettled.isEmpty()) {
            return new Imported(0, 0);
        }
        String now = Timestamps.format(clock.instant());
        if (ownerDeleted(message)) {
            return settleAsOwnerDeleted(message, unsettled.values(), now);
        }
        List<ImportItem.Outcome> outcomes = new ArrayList<>();
        for (ImportMessage.Entry entry : unsettled.values()) {
            // Checked again: the starter checked it, but a message is only as good as what wrote it.
            ImportItemRules.CheckedItem checked = rules.check(entry.index(), entry.item());
            if (!checked.valid()) {
                outcomes.add(ImportItem.Outcome.failed(
                        entry.index(),
                        checked.errors().stream()
                                .map(e -> new ImportItem.Error(e.index(), e.field(), e.message()))
                                .toList()));
                continue;
            }
            // False means an earlier delivery wrote it and stopped before settling: it is created all the same.
            products.insertIfAbsent(ProductService.newProduct(
                    productId(message.importId(), entry.index()), message.ownerId(), checked.product(), now));
            outcomes.add(ImportItem.Outcome.created(entry.index()));
        }
        // Read again after the writes: the user may have been deleted while they ran, and the clean-up the deletion
        // triggers may have listed the owner's products before these existed. A write the check does not see
        // gone came before the deletion, so that clean-up finds it.
        if (ownerDeleted(message)) {
            return settleAsOwnerDeleted(message, unsettled.values(), now);
        }
        settlement.settle(message.importId(), outcomes, now);
        int created =
                (int) outcomes.stream().filter(ImportItem.Outcome::created).count();
        return new Imported(created, outcomes.size() - created);
    }

    private boolean ownerDeleted(ImportMessage message) {
        return users.find(message.ownerId()).isEmpty();
    }

    /**
     * Settles {@code entries} as failed, their owner being gone, after deleting the product of each that
     * this or an earlier delivery wrote: the owner's products must all go (contract, "Deleting a user
     * removes their products"), and the deletion's clean-up may have run before they were written.
     */
    private Imported settleAsOwnerDeleted(ImportMessage message, Collection<ImportMessage.Entry> entries, String now) {
        List<ImportItem.Outcome> outcomes = new ArrayList<>();
        for (ImportMessage.Entry entry : entries) {
            products.deleteOwnedBy(productId(message.importId(), entry.index()), message.ownerId());
            outcomes.add(ImportItem.Outcome.failed(
                    entry.index(), List.of(new ImportItem.Error(entry.index(), null, OWNER_DELETED))));
        }
        settlement.settle(message.importId(), outcomes, now);
        return new Imported(0, outcomes.size());
    }

    /** What one delivery settled: items created (or found created by an earlier delivery) and items failed for good. */
    public record Imported(int created, int failed) {}

    /** The product id of one item of one import: the same on every delivery, and a UUID like every other id. */
    public static String productId(String importId, int index) {
        return UUID.nameUUIDFromBytes((importId + ":" + index).getBytes(StandardCharsets.UTF_8))
                .toString();
    }
}
