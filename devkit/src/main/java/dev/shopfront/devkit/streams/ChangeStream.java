package dev.shopfront.devkit.streams;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The change log of one captured table: a single in-memory shard, records in write order, kept for the
 * life of the capture. Readers keep their own position, an index into the log.
 */
public final class ChangeStream {
    private final String tableName;
    private final String logicalId;
    private final String viewType;
    private final String streamArn;
    private final String shardId;
    private final List<ChangeRecord> records = new ArrayList<>();

    ChangeStream(String tableName, String logicalId, String viewType, String streamArn, String shardId) {
        this.tableName = tableName;
        this.logicalId = logicalId;
        this.viewType = viewType;
        this.streamArn = streamArn;
        this.shardId = shardId;
    }

    /** The table's name on this run. */
    public String tableName() {
        return tableName;
    }

    /** The table's logical id in the template. */
    public String logicalId() {
        return logicalId;
    }

    /** {@code KEYS_ONLY}, {@code NEW_IMAGE}, {@code OLD_IMAGE} or {@code NEW_AND_OLD_IMAGES}. */
    public String viewType() {
        return viewType;
    }

    /** A well-formed stream ARN for this run; it names no real stream. */
    public String streamArn() {
        return streamArn;
    }

    /** The one shard's id, as an on-failure destination message names it. */
    public String shardId() {
        return shardId;
    }

    /** How many records the log holds: the position after the last one. */
    public synchronized int size() {
        return records.size();
    }

    /** Up to {@code max} records from {@code position} on. */
    public synchronized List<ChangeRecord> read(int position, int max) {
        int end = Math.min(records.size(), position + max);
        return position >= end ? List.of() : List.copyOf(records.subList(position, end));
    }

    /** Every record so far, oldest first. */
    public synchronized List<ChangeRecord> records() {
        return List.copyOf(records);
    }

    /**
     * Waits until the log holds a record at {@code position}, or {@code timeout} passes.
     *
     * @return whether there is a record at {@code position}
     */
    public synchronized boolean awaitRecordAt(int position, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (records.size() <= position) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    synchronized void append(ChangeRecord record) {
        records.add(record);
        notifyAll();
    }
}
