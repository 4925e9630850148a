package dev.shopfront.imports;

import dev.shopfront.schema.ImportError;
import dev.shopfront.schema.ImportOut;
import java.util.List;

/** A made-up import in the shape the routes answer with, written once before a SnapStart snapshot (docs/snapstart.md). */
final class PrimingSamples {
    static final ImportOut IMPORT = new ImportOut(
            "00000000-0000-0000-0000-000000000000",
            "00000000-0000-0000-0000-000000000000",
            ImportOut.PENDING,
            2,
            0,
            1,
            List.of(new ImportError(1, "price", "must be greater than 0")),
            "2026-01-01T00:00:00.000Z",
            "2026-01-01T00:00:00.000Z");

    private PrimingSamples() {}
}
