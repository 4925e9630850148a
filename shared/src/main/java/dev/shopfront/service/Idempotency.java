package dev.shopfront.service;

import dev.shopfront.error.IdempotencyKeyReusedException;
import dev.shopfront.error.RequestInProgressException;
import dev.shopfront.error.StorageException;
import dev.shopfront.log.JsonLog;
import dev.shopfront.model.IdempotencyItem;
import dev.shopfront.repository.IdempotencyRepository;
import java.io.Serial;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Idempotent creation (contract v2): a request sent again with its {@code Idempotency-Key} creates
 * nothing more and gets the first answer back. A conditional write leases the key to one attempt at
 * a time; the lease outlasts the function's timeout, so a crashed attempt's key is free again once
 * it could no longer be running, and its retry creates under the same resource id. See
 * docs/idempotency.md for the design and every crash case.
 */
public final class Idempotency {
    /** How long a key is remembered after its request succeeded. */
    public static final Duration RETENTION = Duration.ofHours(24);
    /** Added to an attempt's time to run, for clocks that differ between hosts. */
    public static final Duration LEASE_MARGIN = Duration.ofSeconds(5);

    private static final int ATTEMPTS = 4;

    /**
     * Attempts this container (this class loader) has ended without settling their record: those whose record
     * could not be written or read (the write may land after the answer, as a paused database's does) and those
     * whose outcome could not be saved. Such an attempt has answered and runs no more, so a retry landing on the
     * same container takes its lease over at once, as the contract's "after an error, a retry runs anew" wants,
     * instead of answering 409 until the lease ends (docs/idempotency.md). Retries on another container still wait
     * for the lease. Only failures are remembered, and only the latest {@value #ENDED_REMEMBERED}.
     */
    private static final Set<String> ENDED_UNSETTLED =
            Collections.newSetFromMap(Collections.synchronizedMap(new LinkedHashMap<>() {
                @Serial
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > ENDED_REMEMBERED;
                }
            }));

    static final int ENDED_REMEMBERED = 1_000;

    private final IdempotencyRepository records;
    private final FingerprintSeal seal;
    private final Clock clock;

    public Idempotency(IdempotencyRepository records, FingerprintSeal seal, Clock clock) {
        this.records = records;
        this.seal = seal;
        this.clock = clock;
    }

    /**
     * A keyed request: who sends it ({@code anonymous} on a public route), to which route, under which
     * key, with which body.
     *
     * @param digest SHA-256 (hex) of the request's content type and body
     */
    public record Request(String caller, String route, String key, String digest) {
        /** Unambiguous: caller and route never hold a {@code |}, and the key comes last. */
        String recordId() {
            return caller + "|" + route + "|" + key;
        }
    }

    /** What to do with a keyed request. */
    public sealed interface Start permits Run, Replay {}

    /**
     * Run the request: this attempt holds the key's lease.
     *
     * @param resourceId the id to create the resource under: the same for every attempt of one request
     * @param retry true when an earlier attempt may already have created it
     */
    public record Run(String recordId, String owner, String resourceId, boolean retry) implements Start {}

    /** Answer what the first attempt answered; nothing is run. */
    public record Replay(SavedResponse response) implements Start {}

    /** A success as answered, kept to replay. */
    public record SavedResponse(int status, Map<String, String> headers, String body) {
        public SavedResponse {
            headers = Map.copyOf(headers);
        }
    }

    /**
     * Leases the key to this attempt, or says what the first attempt answered.
     *
     * @param runTime the longest this attempt can still run (the function's remaining time)
     * @throws IdempotencyKeyReusedException when the key was used with another body
     * @throws RequestInProgressException while another attempt of the request may still be running
     */
    public Start begin(Request request, Duration runTime) {
        String owner = UUID.randomUUID().toString();
        try {
            return begin(request, runTime, owner);
        } catch (StorageException outage) {
            // This attempt answers 5xx now; its record's write may still land, leased to it.
            ENDED_UNSETTLED.add(owner);
            throw outage;
        }
    }

    private Start begin(Request request, Duration runTime, String owner) {
        String id = request.recordId();
        String fingerprint = seal.seal(request.digest());
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            long now = clock.millis();
            long leaseUntil = now + runTime.plus(LEASE_MARGIN).toMillis();
            long expiresAt = expiry(now);
            IdempotencyItem fresh = newRecord(id, fingerprint, owner, leaseUntil, expiresAt);
            if (records.create(fresh, now / 1000)) {
                return new Run(id, owner, fresh.getResourceId(), false);
            }
            Optional<IdempotencyItem> found = records.find(id);
            if (found.isEmpty() || isExpired(found.get(), now)) {
                continue; // gone between our write and our read: try again
            }
            IdempotencyItem held = found.get();
            if (!seal.matches(held.getFingerprint(), request.digest())) {
                throw new IdempotencyKeyReusedException();
            }
            if (IdempotencyItem.COMPLETED.equals(held.getState())) {
                return new Replay(new SavedResponse(
                        held.getStatus(), held.getHeaders() == null ? Map.of() : held.getHeaders(), held.getBody()));
            }
            if (owner.equals(held.getLeaseOwner())) {
                // This attempt's own record: a write whose answer was lost (an attempt that timed out against a
                // stalled database) landed, and the client's retry of it was refused by its condition.
                return new Run(id, owner, held.getResourceId(), false);
            }
            boolean endedHere = ENDED_UNSETTLED.contains(held.getLeaseOwner());
            if (!endedHere && held.getLeaseUntilMillis() != null && held.getLeaseUntilMillis() > now) {
                throw new RequestInProgressException();
            }
            // The attempt that held the lease is over (it crashed, timed out or failed not knowing what it
            // wrote): this one retries the request under the same resource id.
            if (records.takeOver(held, owner, leaseUntil, expiresAt)) {
                ENDED_UNSETTLED.remove(held.getLeaseOwner());
                return new Run(id, owner, held.getResourceId(), true);
            }
        }
        throw new RequestInProgressException();
    }

    /** Keeps the answer of a success for every repeat within {@link #RETENTION}. */
    public void succeeded(Run run, SavedResponse response) {
        if (!records.complete(
                run.recordId(),
                run.owner(),
                response.status(),
                response.headers(),
                response.body(),
                expiry(clock.millis()))) {
            // Only when the attempt outran its lease: the retry that took over answers from what is stored.
            JsonLog.warn("An idempotent request succeeded after losing its lease; its answer is not kept");
        }
    }

    /** Forgets the key after a failure that changed nothing (a 4xx): a retry with the same key runs anew. */
    public void failedWithoutEffect(Run run) {
        records.delete(run.recordId(), run.owner());
    }

    /**
     * Ends the lease after a failure that may have created the resource (a 5xx: the write may have
     * landed with only its answer lost). The record stays, so a retry runs at once under the same
     * resource id and creates at most once.
     */
    public void failedWithUnknownEffect(Run run) {
        records.endLease(run.recordId(), run.owner(), clock.millis());
    }

    /**
     * The attempt's outcome could not be saved (its record is left in progress): it has answered, so a retry on this
     * container may take its lease over at once.
     */
    public void unsettled(Run run) {
        ENDED_UNSETTLED.add(run.owner());
    }

    private static IdempotencyItem newRecord(
            String id, String fingerprint, String owner, long leaseUntil, long expiresAt) {
        IdempotencyItem record = new IdempotencyItem();
        record.setId(id);
        record.setState(IdempotencyItem.IN_PROGRESS);
        record.setFingerprint(fingerprint);
        record.setResourceId(UUID.randomUUID().toString());
        record.setLeaseOwner(owner);
        record.setLeaseUntilMillis(leaseUntil);
        record.setExpiresAt(expiresAt);
        return record;
    }

    private static long expiry(long nowMillis) {
        return (nowMillis + RETENTION.toMillis()) / 1000;
    }

    private static boolean isExpired(IdempotencyItem record, long nowMillis) {
        return record.getExpiresAt() != null && record.getExpiresAt() <= nowMillis / 1000;
    }
}
