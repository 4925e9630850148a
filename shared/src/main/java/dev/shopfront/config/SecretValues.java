package dev.shopfront.config;

import dev.shopfront.aws.AwsHttpClients;
import dev.shopfront.aws.FunctionCredentials;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Reads a secret named by an environment variable, once per container. On AWS the variable holds
 * the secret's ARN (template: {@code !Ref TheSecret}) and the value comes from Secrets Manager.
 * Outside AWS, the local API and tests, which have no Secrets Manager, put the value itself in the
 * variable behind the {@value #LOCAL_PREFIX} prefix.
 */
public final class SecretValues {
    public static final String LOCAL_PREFIX = "local-secret:";

    private SecretValues() {}

    /** @throws IllegalStateException naming the variable when it is missing or the secret cannot be read */
    public static byte[] read(Environment environment, String variable) {
        String reference = environment.require(variable);
        if (reference.startsWith(LOCAL_PREFIX)) {
            return reference.substring(LOCAL_PREFIX.length()).getBytes(StandardCharsets.UTF_8);
        }
        try (SecretsManagerClient secrets = SecretsManagerClient.builder()
                .region(Region.of(environment.require("AWS_REGION")))
                .credentialsProvider(FunctionCredentials.provider())
                .httpClientBuilder(
                        AwsHttpClients.builder(Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(30)))
                .build()) {
            return secrets.getSecretValue(r -> r.secretId(reference))
                    .secretString()
                    .getBytes(StandardCharsets.UTF_8);
        } catch (SdkException e) {
            throw new IllegalStateException("Cannot read the secret named by environment variable " + variable, e);
        }
    }
}
