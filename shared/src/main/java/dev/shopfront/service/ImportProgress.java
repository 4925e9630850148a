package dev.shopfront.service;

import dev.shopfront.error.ForbiddenException;
import dev.shopfront.error.NotFoundException;
import dev.shopfront.error.UnauthorizedException;
import dev.shopfront.model.ImportItem;
import dev.shopfront.repository.ImportRepository;
import dev.shopfront.repository.UserRepository;
import dev.shopfront.schema.ImportOut;

/** How far a bulk import has come, for its owner only. */
public final class ImportProgress {
    private final ImportRepository imports;
    private final UserRepository users;

    public ImportProgress(ImportRepository imports, UserRepository users) {
        this.imports = imports;
        this.users = users;
    }

    /**
     * @throws UnauthorizedException when the caller's user no longer exists: a deleted user's token, still
     *     allowed by the authorizer's cached answer, reads nothing (contract: it "no longer works")
     * @throws NotFoundException when there is no such import
     * @throws ForbiddenException when it belongs to someone else
     */
    public ImportOut get(String callerId, String id) {
        if (users.find(callerId).isEmpty()) {
            throw new UnauthorizedException("The token's user no longer exists");
        }
        ImportItem found = imports.find(id).orElseThrow(() -> new NotFoundException("Import not found"));
        if (!found.ownerId().equals(callerId)) {
            throw new ForbiddenException("Only the import's owner may read it");
        }
        return ImportService.toOut(found);
    }
}
