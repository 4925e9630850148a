package dev.shopfront.imports;

import dev.shopfront.devkit.testing.HttpApiEvent;

/** The /products/imports routes' events, the samples of the repository's {@code events/}; see {@link HttpApiEvent} for adjusting them. */
final class ImportEvents {
    private ImportEvents() {}

    static HttpApiEvent startImport(String callerId) {
        return HttpApiEvent.load("start-import.json").asCaller(callerId);
    }

    static HttpApiEvent getImport(String id, String callerId) {
        return HttpApiEvent.load("get-import.json").pathId(id).asCaller(callerId);
    }
}
