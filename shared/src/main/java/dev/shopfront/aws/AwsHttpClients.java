package dev.shopfront.aws;

import java.time.Duration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;

/**
 * The one place that picks the HTTP client every SDK client of a function uses (docs/decisions.md). Its own
 * package, so the client builders of each layer share it without depending on the wiring's {@code config}.
 */
public final class AwsHttpClients {
    private AwsHttpClients() {}

    /**
     * @param connect       to open a connection
     * @param acquire       to wait for a pooled connection
     * @param socket        between two reads of a response
     */
    public static SdkHttpClient.Builder<?> builder(Duration connect, Duration acquire, Duration socket) {
        return Apache5HttpClient.builder()
                .connectionTimeout(connect)
                .connectionAcquisitionTimeout(acquire)
                .socketTimeout(socket);
    }
}
