package dev.shopfront.service;

import dev.shopfront.model.ImportItem;
import dev.shopfront.repository.ImportRepository;
import java.util.ArrayList;
import java.util.List;

/**
 * Settles items of an import exactly once: each write counts its items only if none of them is
 * settled yet; when another delivery got there first, the import is read again and only the items
 * still unsettled are written (docs/bulk-import.md).
 */
final class ImportSettlement {
    private final ImportRepository imports;

    ImportSettlement(ImportRepository imports) {
        this.imports = imports;
    }

    /**
     * @param outcomes of distinct indexes
     * @param updatedAt the import's {@code updatedAt} after this settle
     * @return the outcomes this call counted; the others had been settled by someone else
     * @throws IllegalStateException when the import no longer exists
     */
    List<ImportItem.Outcome> settle(String importId, List<ImportItem.Outcome> outcomes, String updatedAt) {
        List<ImportItem.Outcome> pending = new ArrayList<>(outcomes);
        List<ImportItem.Outcome> counted = new ArrayList<>();
        while (!pending.isEmpty()) {
            List<ImportItem.Outcome> write =
                    List.copyOf(pending.subList(0, Math.min(pending.size(), ImportRepository.MAX_SETTLED_PER_WRITE)));
            if (imports.settle(importId, write, updatedAt)) {
                counted.addAll(write);
                pending.subList(0, write.size()).clear();
                continue;
            }
            // Refused: some of these indexes were settled meanwhile (a duplicate delivery). Keep only the others.
            ImportItem current = imports.find(importId)
                    .orElseThrow(() -> new IllegalStateException(
                            "Import " + importId + " no longer exists; its items cannot be settled"));
            boolean progress = pending.removeIf(outcome -> current.settled().contains(outcome.index()));
            if (!progress) {
                throw new IllegalStateException(
                        "Settling import " + importId + " was refused, yet none of its items is settled");
            }
        }
        return counted;
    }
}
