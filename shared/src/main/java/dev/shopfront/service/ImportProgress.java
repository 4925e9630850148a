package dev.shopfront.service;

import dev.shopfront.error.ForbiddenException;
import dev.shopfront.error.NotFoundException;
import dev.shopfront.model.ImportItem;
import dev.shopfront.repository.ImportRepository;
import dev.shopfront.schema.ImportOut;

/** How far a bulk import has come, for its owner only. */
public final class ImportProgress {
    private final ImportRepository imports;

    public ImportProgress(ImportRepository imports) {
        this.imports = imports;
    }

    /**
     * @throws NotFoundException when there is no such import
     * @throws ForbiddenException when it belongs to someone else
     */
    public ImportOut get(String callerId, String id) {
        ImportItem found = imports.find(id).orElseThrow(() -> new NotFoundException("Import not found"));
        if (!found.ownerId().equals(callerId)) {
            throw new ForbiddenException("Only the import's owner may read it");
        }
        return ImportService.toOut(found);
    }
}
