package dev.shopfront.service;

import dev.shopfront.schema.ImportMessage;
import java.util.List;
import java.util.Set;

/** Where an import's valid items wait for the function that creates their products. */
public interface ImportQueue {
    /**
     * Sends the items of one import, several to a message, retrying what failed once.
     *
     * @return the indexes of the items that could still not be queued; empty when every item was
     */
    Set<Integer> send(String importId, String ownerId, List<ImportMessage.Entry> items);
}
