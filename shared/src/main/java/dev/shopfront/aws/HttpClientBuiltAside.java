package dev.shopfront.aws;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;

/**
 * An HTTP client whose build runs on a thread of its own, so that an SDK client can be built with it at the
 * same time. Building the Apache client (its TLS context and trust store among it) and building the SDK client
 * are each about a third of a function's construction, and neither needs the other until the first request
 * (docs/decisions.md, "A function's construction uses two threads"). The caller waits with {@link #await()}
 * before its init ends, so no build outlives the function's construction.
 */
public final class HttpClientBuiltAside implements SdkHttpClient {
    private final CompletableFuture<SdkHttpClient> client = new CompletableFuture<>();
    private final String clientName;

    /** @param clientName what the built client's {@link SdkHttpClient#clientName()} answers */
    HttpClientBuiltAside(SdkHttpClient.Builder<?> builder, String clientName) {
        this.clientName = clientName;
        Thread.ofPlatform().name("http-client-build").daemon().start(() -> {
            try {
                client.complete(builder.build());
            } catch (Throwable failure) {
                client.completeExceptionally(failure);
            }
        });
    }

    /** Waits for the build; its failure is thrown here, as the builder would have thrown it. */
    public SdkHttpClient await() {
        try {
            return client.join();
        } catch (CompletionException failed) {
            if (failed.getCause() instanceof RuntimeException unchecked) {
                throw unchecked;
            }
            if (failed.getCause() instanceof Error error) {
                throw error;
            }
            throw failed;
        }
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return await().prepareRequest(request);
    }

    /**
     * Answered without waiting: the SDK client asks for it in the middle of its build (for its User-Agent), and
     * waiting there would put the two builds back in line.
     */
    @Override
    public String clientName() {
        return clientName;
    }

    @Override
    public void close() {
        await().close();
    }
}
