package dev.shopfront.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shopfront.error.UnauthorizedException;
import dev.shopfront.model.ImportItem;
import dev.shopfront.model.Timestamps;
import dev.shopfront.repository.ImportRepository;
import dev.shopfront.repository.UserRepository;
import dev.shopfront.schema.ImportError;
import dev.shopfront.schema.ImportMessage;
import dev.shopfront.schema.ImportOut;
import java.lang.System.Logger.Level;
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

    private static final System.Logger LOG = System.getLogger(ImportService.class.getName());

    private final ImportRepository imports;
    private final UserRepository users;
    private final ImportItemRules rules;
    private final ImportQueue queue;
    private final ImportSettlement settlement;
    private final Clock clock;

    public ImportService(ImportRepository imports, UserRepository users, ImportItemRules rules, ImportQueue queue, Clock clock) {
        this.imports = imports;
        this.users = users;
        this.rules = rules;
        this.queue = queue;
        this.settlement = new ImportSettlement(imports);
        this.clock = clock;
    }

    /**
     * A new import of {@code items} owned by the caller: invalid items are failed at once, valid ones queued.
     *
     * @return the import as it stands when the items are queued (usually still pending)
     * @throws UnauthorizedException when the caller's user no longer exists
     */
    public ImportOut start(String callerId, List<JsonNode> items) {
        if (users.find(callerId).isEmpty()) {
            throw new UnauthorizedException("The token's user no longer exists");
        }
        String id = UUID.randomUUID().toString();
        String now = Timestamps.format(clock.instant());
        List<ImportMessage.Entry> valid = new ArrayList<>();
        Set<Integer> settled = new HashSet<>();
        List<ImportItem.Error> errors = new ArrayList<>();
        for (int index = 0; index < items.size(); index++) {
            ImportItemRules.CheckedItem checked = rules.check(index, items.get(index));
            if (checked.valid()) {
                valid.add(new ImportMessage.Entry(index, items.get(index)));
            } else {
                settled.add(index);
                checked.errors().forEach(e -> errors.add(new ImportItem.Error(e.index(), e.field(), e.message())));
            }
        }
        ImportItem started = new ImportItem(id, callerId, items.size(), 0, settled.size(), settled, errors, now, now);
        // The record first: a consumer may take a message the moment it is sent, and needs the record then.
        imports.insert(started);
        if (valid.isEmpty()) {
            return toOut(started);
        }
        Set<Integer> notQueued = queue.send(id, callerId, valid);
        if (notQueued.isEmpty()) {
            return toOut(started);
        }
        LOG.log(Level.WARNING, notQueued.size() + " of " + valid.size() + " valid items of import " + id
                + " could not be queued; they are settled as failed");
        List<ImportItem.Outcome> failures = notQueued.stream().sorted()
                .map(index -> ImportItem.Outcome.failed(index, List.of(new ImportItem.Error(index, null, NOT_QUEUED))))
                .toList();
        String settledAt = Timestamps.format(clock.instant());
        List<ImportItem.Outcome> counted = settlement.settle(id, failures, settledAt);
        Set<Integer> settledNow = new HashSet<>(settled);
        List<ImportItem.Error> errorsNow = new ArrayList<>(errors);
        counted.forEach(outcome -> {
            settledNow.add(outcome.index());
            errorsNow.addAll(outcome.errors());
        });
        return toOut(new ImportItem(id, callerId, items.size(), 0, settledNow.size(), settledNow, errorsNow, now, settledAt));
    }

    /** The import as the API shows it: errors in item order, status derived from the counts. */
    static ImportOut toOut(ImportItem item) {
        List<ImportError> errors = item.errors().stream()
                .sorted(Comparator.comparingInt(ImportItem.Error::index))
                .map(e -> new ImportError(e.index(), e.field(), e.message()))
                .toList();
        return new ImportOut(item.id(), item.ownerId(), item.done() ? ImportOut.DONE : ImportOut.PENDING, item.total(),
                item.created(), item.failed(), errors, item.createdAt(), item.updatedAt());
    }
}
