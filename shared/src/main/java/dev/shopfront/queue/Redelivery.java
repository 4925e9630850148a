package dev.shopfront.queue;

/**
 * Brings a message whose import failed on storage back sooner than the queue's visibility timeout (181 s, sized for
 * the consumer's 30 s timeout), so an import held up by a short outage finishes seconds after the database is back,
 * not minutes (docs/bulk-import.md, "Redelivery").
 */
public interface Redelivery {
    /** Nothing sooner: the message comes back after the queue's visibility timeout. */
    Redelivery AFTER_VISIBILITY_TIMEOUT = (receiptHandle, receiveCount) -> {};

    /**
     * Makes the message visible again after a delay that grows with {@code receiveCount} (from 1), up to the queue's
     * own timeout. A failure to do so is logged, never thrown: the message then comes back as it would have anyway.
     */
    void soon(String receiptHandle, int receiveCount);
}
