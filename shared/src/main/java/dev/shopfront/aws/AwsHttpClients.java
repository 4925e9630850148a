package dev.shopfront.aws;

import java.time.Duration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;

/**
 * The one place that picks the HTTP client every SDK client of a function uses (docs/decisions.md). Its own
 * package, so the client builders of each layer share it without depending on the wiring's {@code config}.
 */
public final class AwsHttpClients {
    /**
     * {@code Apache5HttpClient}'s name for itself (a private constant there), answered by a client still being
     * built; {@code HttpClientBuiltAsideTest} checks that the two agree.
     */
    static final String CLIENT_NAME = "Apache5";

    private AwsHttpClients() {}

    /**
     * The client {@link #builder} describes, built on a thread of its own while the caller builds the SDK client
     * that uses it; {@link HttpClientBuiltAside#await() await} it before the function's init ends. An SDK client
     * given a built HTTP client leaves closing it to the caller: the functions keep theirs for the container's life.
     */
    public static HttpClientBuiltAside buildAside(Duration connect, Duration acquire, Duration socket) {
        return new HttpClientBuiltAside(builder(connect, acquire, socket), CLIENT_NAME);
    }

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
