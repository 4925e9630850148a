package dev.shopfront.users;

import dev.shopfront.schema.UserOut;

/** A made-up user in the shape the routes answer with, written once before a SnapStart snapshot (docs/snapstart.md). */
final class PrimingSamples {
    static final UserOut USER = new UserOut(
            "00000000-0000-0000-0000-000000000000",
            "priming@example.com",
            "Priming sample",
            "2026-01-01T00:00:00.000Z",
            "2026-01-01T00:00:00.000Z");

    private PrimingSamples() {}
}
