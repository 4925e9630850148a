package dev.shopfront.aws;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.core.SdkSystemSetting;

/**
 * The credentials of the function's execution role, as Lambda hands them over. A function with SnapStart gets no
 * access keys in its environment: its runtime serves them from a local endpoint named by
 * {@code AWS_CONTAINER_CREDENTIALS_FULL_URI} (with {@code AWS_CONTAINER_AUTHORIZATION_TOKEN}), so that a restored
 * snapshot never carries keys of the environment that took it; a function without SnapStart gets
 * {@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY} and {@code AWS_SESSION_TOKEN} (AWS Lambda developer
 * guide, "SnapStart: credentials"). Chosen here once instead of by the SDK's default chain, which would look through
 * system properties, web identity and profile files first at every cold start.
 */
public final class FunctionCredentials {
    private FunctionCredentials() {}

    /**
     * The endpoint's provider when Lambda names one, which fetches and caches the role's credentials and fetches them
     * again before they expire (a restore finds the snapshot's expired and fetches fresh ones); otherwise the
     * environment's, read on every call.
     */
    public static AwsCredentialsProvider provider() {
        return SdkSystemSetting.AWS_CONTAINER_CREDENTIALS_FULL_URI
                        .getStringValue()
                        .isPresent()
                ? ContainerCredentialsProvider.builder().build()
                : EnvironmentVariableCredentialsProvider.create();
    }
}
