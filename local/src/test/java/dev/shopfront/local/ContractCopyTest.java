package dev.shopfront.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/API.md is the repository's copy of the HTTP contract: it stays the contract's text, word for word. */
class ContractCopyTest {
    @Test
    void docsApiMd_isTheContract() throws IOException {
        Path contract = RepoFiles.root().resolveSibling("shared").resolve("API.md");
        assumeTrue(Files.isRegularFile(contract), "the contract (../shared/API.md) is not beside this clone");

        assertEquals(
                Files.readString(contract),
                Files.readString(RepoFiles.root().resolve("docs/API.md")),
                "docs/API.md differs from ../shared/API.md: copy the contract again");
    }
}
