package dev.shopfront.imports;

import dev.shopfront.devkit.testing.DynamoDbTestBed;
import org.junit.jupiter.api.BeforeEach;

/**
 * The set-up the import tests share: on the class's tables and queues, per test healthy handlers on the
 * system clock, the import queue's deliveries, the tables as stored, and an owner registered once per class.
 */
abstract class ImportsTestBed extends DynamoDbTestBed {
    ImportsApi api;
    QueueDeliveries queue;
    StoredImports stored;
    /** A user registered once for the class, who owns the imports the tests start. */
    String owner;

    @BeforeEach
    final void setUpImports() {
        api = ImportsApi.over(db);
        queue = QueueDeliveries.importQueue(db);
        stored = new StoredImports(db);
        owner = perClass("owner", tables -> ImportsApi.registerUser(tables, "importer"));
    }
}
