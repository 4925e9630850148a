package dev.shopfront.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.utils.AttributeMap;

/** The HTTP client a function builds beside its SDK client: built on its own thread, its failure not lost. */
class HttpClientBuiltAsideTest {
    @Test
    void theClientIsBuiltOnAThreadOfItsOwn_andIsTheBuildersClient() throws Exception {
        CompletableFuture<String> builtOn = new CompletableFuture<>();
        SdkHttpClient apache = apache();
        try {
            HttpClientBuiltAside aside = aside(() -> {
                builtOn.complete(Thread.currentThread().getName());
                return apache;
            });

            assertEquals("http-client-build", builtOn.get(10, TimeUnit.SECONDS));
            assertSame(apache, aside.await());
        } finally {
            apache.close();
        }
    }

    @Test
    void aFailedBuild_isThrownByAwait_andByTheFirstRequest() {
        IllegalStateException broken = new IllegalStateException("no trust store");
        HttpClientBuiltAside aside = aside(() -> {
            throw broken;
        });

        assertSame(broken, assertThrows(IllegalStateException.class, aside::await));
        assertSame(
                broken,
                assertThrows(
                        IllegalStateException.class,
                        () -> aside.prepareRequest(HttpExecuteRequest.builder().build())));
    }

    @Test
    void itsNameIsTheBuiltClients_beforeTheBuildEnds() {
        CountDownLatch release = new CountDownLatch(1);
        SdkHttpClient apache = apache();
        try {
            HttpClientBuiltAside aside = aside(() -> {
                awaitQuietly(release);
                return apache;
            });

            // The SDK client asks while it is built; the answer must not wait for the HTTP client's build.
            assertEquals(apache.clientName(), assertTimeoutPreemptively(Duration.ofSeconds(2), aside::clientName));
            release.countDown();
            assertSame(apache, aside.await());
        } finally {
            release.countDown();
            apache.close();
        }
    }

    @Test
    void buildAside_givesTheApacheClient_onceAwaited() {
        HttpClientBuiltAside client =
                AwsHttpClients.buildAside(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1));
        try {
            assertInstanceOf(Apache5HttpClient.class, client.await());
        } finally {
            client.close();
        }
    }

    private static SdkHttpClient apache() {
        return AwsHttpClients.builder(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1))
                .build();
    }

    private static HttpClientBuiltAside aside(Build build) {
        return new HttpClientBuiltAside(new BuilderOf(build), AwsHttpClients.CLIENT_NAME);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private interface Build {
        SdkHttpClient run();
    }

    private record BuilderOf(Build steps) implements SdkHttpClient.Builder<BuilderOf> {
        @Override
        public SdkHttpClient buildWithDefaults(AttributeMap serviceDefaults) {
            return steps.run();
        }

        @Override
        public SdkHttpClient build() {
            return steps.run();
        }
    }
}
