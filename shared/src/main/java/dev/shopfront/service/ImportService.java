package dev.shopfront.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shopfront.error.StorageException;
import dev.shopfront.error.UnauthorizedException;
import dev.shopfront.log.JsonLog;
import dev.shopfront.model.ImportItem;
import dev.shopfront.model.Timestamps;
import dev.shopfront.repository.ImportRepository;
import dev.shopfront.repository.UserRepository;
import dev.shopfront.schema.ImportError;
import dev.shopfront.schema.ImportMessage;
import dev.shopfront.schema.ImportOut;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Starts bulk imports: records the import with its invalid items already settled as failed, then
 * queues the valid ones for {@link ProductImporter} (docs/bulk-import.md).
 */
public final class ImportService {
    /** The error of an item the queue would not take, even on a second try. */
    public static final String NOT_QUEUED = "could not be queued; import them again";

    /**
     * The one error of an invalid item once the import's errors have taken {@link #ERRORS_BUDGET_BYTES}:
     * the item is still counted failed and named, its fields no longer listed.
     */
    public static final String ERRORS_FULL = "is invalid; the import's error list is full";

    /**
     * What the listed errors of one import may take in its record, estimated as DynamoDB sizes a list
     * entry {@code {i, f, m}} (13 bytes and the UTF-8 bytes of field and message). Every item lists
     * every failed field until then, so a thousand items failing all six fields fit; what exceeds it
     * (unknown properties with names of 100 characters in every item, say) would make the record
     * larger than DynamoDB's 400 KB item, and the one entry per remaining item, the settled set and
     * the rest of the record stay well under it.
     */
    static final int ERRORS_BUDGET_BYTES = 340_000;

    private final ImportRepository imports;
    private final UserRepository users;
    private final ImportItemRules rules;
    private final ImportQueue queue;
    private final ImportSettlement settlement;
    private final Clock clock;

    public ImportService(
            ImportRepository imports, UserRepository users, ImportItemRules rules, ImportQueue queue, Clock clock) {
        this.imports = imports;
        this.users = users;
        this.rules = rules;
        this.queue = queue;
        this.settlement = new ImportSettlement(imports);
        this.clock = clock;
    }

    /**
     * A token outlives its user in the authorizer's cache: a start, and a replay of a start's answer, check the
     * user is still there.
     *
     * @throws UnauthorizedException when the caller's user no longer exists
     */
    public void requireExistingUser(String callerId) {
        if (users.find(callerId).isEmpty()) {
            throw new UnauthorizedException("The token's user no longer exists");
        }
    }

    /**
     * A new import of {@code items} owned by the caller: invalid items are failed at once, valid ones queued.
     *
     * @return the import as it stands when the items are queued (usually still pending)
     * @throws UnauthorizedException when the caller's user no longer exists
     */
    public ImportOut start(String callerId, List<JsonNode> items) {
        return start(callerId, items, UUID.randomUUID().toString());
    }

    /**
     * As {@link #start(String, List)}, under {@code id}. A retry of an idempotent request passes its
     * first attempt's id: when that attempt stored the import, the items not settled yet are queued
     * again (it may have stopped before sending them), and the consumer still creates each once.
     *
     * @throws StorageException when {@code id} is another caller's import
     */
    public ImportOut start(String callerId, List<JsonNode> items, String id) {
        requireExistingUser(callerId);
        String now = Timestamps.format(clock.instant());
        List<ImportMessage.Entry> valid = new ArrayList<>();
        Set<Integer> settled = new HashSet<>();
        List<ImportItem.Error> errors = new ArrayList<>();
        int errorBytes = 0;
        for (int index = 0; index < items.size(); index++) {
            ImportItemRules.CheckedItem checked = rules.check(index, items.get(index));
            if (checked.valid()) {
                valid.add(new ImportMessage.Entry(index, items.get(index)));
                continue;
            }
            settled.add(index);
            List<ImportItem.Error> itemErrors = checked.errors().stream()
                    .map(e -> new ImportItem.Error(e.index(), e.field(), e.message()))
                    .toList();
            int bytes = itemErrors.stream().mapToInt(ImportService::storedBytes).sum();
            if (errorBytes + bytes > ERRORS_BUDGET_BYTES) {
                itemErrors = List.of(new ImportItem.Error(index, null, ERRORS_FULL));
                bytes = storedBytes(itemErrors.getFirst());
            }
            errorBytes += bytes;
            errors.addAll(itemErrors);
        }
        ImportItem started = new ImportItem(id, callerId, items.size(), 0, settled.size(), settled, errors, now, now);
        // The record first: a consumer may take a message the moment it is sent, and needs the record then.
        if (!imports.insertIfAbsent(started)) {
            ImportItem earlier =
                    imports.find(id).orElseThrow(() -> new StorageException("Import " + id + " vanished", null));
            if (!earlier.ownerId().equals(callerId)) {
                throw new StorageException("Import id " + id + " is another caller's", null);
            }
            started = earlier;
            valid = valid.stream()
                    .filter(entry -> !earlier.settled().contains(entry.index()))
                    .toList();
        }
        if (valid.isEmpty()) {
            return toOut(started);
        }
        Set<Integer> notQueued = queue.send(id, callerId, valid);
        if (notQueued.isEmpty()) {
            return toOut(started);
        }
        JsonLog.warn(
                "Valid import items could not be queued; they are settled as failed",
                "importId",
                id,
                "notQueued",
                notQueued.size(),
                "valid",
                valid.size());
        List<ImportItem.Outcome> failures = notQueued.stream()
                .sorted()
                .map(index -> ImportItem.Outcome.failed(index, List.of(new ImportItem.Error(index, null, NOT_QUEUED))))
                .toList();
        settlement.settle(id, failures, Timestamps.format(clock.instant()));
        return toOut(imports.find(id).orElse(started));
    }

    /** What DynamoDB counts for one entry of the record's error list. */
    private static int storedBytes(ImportItem.Error error) {
        return 13 + utf8Length(error.field()) + utf8Length(error.message());
    }

    private static int utf8Length(String text) {
        return text == null ? 0 : text.getBytes(StandardCharsets.UTF_8).length;
    }

    /** The import as the API shows it: errors in item order, status derived from the counts. */
    static ImportOut toOut(ImportItem item) {
        List<ImportError> errors = item.errors().stream()
                .sorted(Comparator.comparingInt(ImportItem.Error::index))
                .map(e -> new ImportError(e.index(), e.field(), e.message()))
                .toList();
        return new ImportOut(
                item.id(),
                item.ownerId(),
                item.done() ? ImportOut.DONE : ImportOut.PENDING,
                item.total(),
                item.created(),
                item.failed(),
                errors,
                item.createdAt(),
                item.updatedAt());
    }
}
