package dev.shopfront.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shopfront.devkit.RepoRoot;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The functions of one artifact share its libraries, loaded once from the artifact's own bytes, and
 * each keeps Shopfront's classes, and so its configuration and clients, to itself.
 */
class ArtifactLibrariesTest {
    private static final String SDK_CLASS = "software.amazon.awssdk.services.dynamodb.DynamoDbClient";
    private static final String OWN_CLASS = "dev.shopfront.config.Environment";

    private final Path products = RepoRoot.find().resolve("functions/products/target/products.jar");

    @Test
    void twoFunctionsOfOneArtifact_shareItsLibraries_butNotShopfrontsClasses(@TempDir Path copies) throws Exception {
        try (ArtifactLibraries libraries = new ArtifactLibraries(copies);
                ArtifactLibraries.Lease first = libraries.lease(products, 1, Files.size(products));
                ArtifactLibraries.Lease second = libraries.lease(products, 1, Files.size(products));
                URLClassLoader getProduct = functionLoader(first);
                URLClassLoader listProducts = functionLoader(second)) {
            // then: one copy of the jar, one SDK
            assertEquals(first.copy(), second.copy());
            assertSame(first.loader(), second.loader());
            Class<?> sdk = getProduct.loadClass(SDK_CLASS);
            assertSame(sdk, listProducts.loadClass(SDK_CLASS));
            assertSame(first.loader(), sdk.getClassLoader());

            // and: Shopfront's classes (each function's own environment) are each function's own
            Class<?> own = getProduct.loadClass(OWN_CLASS);
            assertSame(getProduct, own.getClassLoader());
            assertNotSame(own, listProducts.loadClass(OWN_CLASS));
            assertThrows(ClassNotFoundException.class, () -> first.loader().loadClass(OWN_CLASS));
        }
    }

    @Test
    void aRebuiltArtifact_getsLibrariesOfItsOwn(@TempDir Path copies) throws Exception {
        try (ArtifactLibraries libraries = new ArtifactLibraries(copies);
                ArtifactLibraries.Lease before = libraries.lease(products, 1, Files.size(products));
                ArtifactLibraries.Lease after = libraries.lease(products, 2, Files.size(products))) {
            assertNotEquals(before.copy(), after.copy());
            assertNotSame(before.loader().loadClass(SDK_CLASS), after.loader().loadClass(SDK_CLASS));
        }
    }

    @Test
    void theLastLeaseGivenBack_closesTheLibraries_andTheNextLeaseLoadsThemAgain(@TempDir Path copies) throws Exception {
        try (ArtifactLibraries libraries = new ArtifactLibraries(copies)) {
            ArtifactLibraries.Lease first = libraries.lease(products, 1, Files.size(products));
            ArtifactLibraries.Lease second = libraries.lease(products, 1, Files.size(products));
            ClassLoader loader = first.loader();

            first.close();
            first.close(); // given back twice: counted once
            assertSame(loader, second.loader());
            loader.loadClass(SDK_CLASS); // still open for the second function

            second.close();
            // a closed URLClassLoader finds nothing it had not loaded yet
            assertThrows(
                    ClassNotFoundException.class,
                    () -> loader.loadClass("software.amazon.awssdk.services.dynamodb.model.GetItemRequest"));
            try (ArtifactLibraries.Lease next = libraries.lease(products, 1, Files.size(products))) {
                assertNotSame(loader, next.loader());
            }
        }
    }

    /** As {@link LocalFunction} builds a function's loader over the shared one. */
    private static URLClassLoader functionLoader(ArtifactLibraries.Lease lease) throws Exception {
        return new URLClassLoader("function", new URL[] {lease.copy().toUri().toURL()}, lease.loader());
    }
}
