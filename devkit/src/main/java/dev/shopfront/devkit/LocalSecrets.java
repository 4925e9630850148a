package dev.shopfront.devkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Values for the template's {@code AWS::SecretsManager::Secret}s on a run without Secrets Manager:
 * random, and kept beside the local data so tokens signed before a restart still verify. Functions
 * receive them as {@code local-secret:<value>} where AWS would give the secret's ARN.
 */
public final class LocalSecrets {
    public static final String PREFIX = "local-secret:";
    private static final SecureRandom RANDOM = new SecureRandom();

    private LocalSecrets() {}

    /**
     * @param folder where to keep the values, or null to make fresh ones in memory
     * @return logical id to {@code local-secret:<value>}
     */
    public static Map<String, String> of(SamTemplate template, Path folder) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String logicalId :
                template.resourcesOfType("AWS::SecretsManager::Secret").keySet()) {
            values.put(logicalId, PREFIX + (folder == null ? fresh() : kept(folder.resolve(logicalId))));
        }
        return values;
    }

    private static String kept(Path file) {
        try {
            if (Files.isRegularFile(file)) {
                return Files.readString(file).strip();
            }
            Files.createDirectories(file.getParent());
            String value = fresh();
            Files.writeString(file, value);
            return value;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep a local secret in " + file, e);
        }
    }

    private static String fresh() {
        byte[] bytes = new byte[48];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
