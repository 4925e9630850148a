package dev.shopfront.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.utils.AttributeMap;

/** The HTTP client a function builds beside its SDK client: built on its own thread, its failure not lost. */
class HttpClientBuiltAsideTest {
    @Test
    void theClientIsBuiltOnAThreadOfItsOwn_andIsTheBuildersClient() throws Exception {
        CompletableFuture<String> builtOn = new CompletableFuture<>();
        SdkHttpClient apache = AwsHttpClients.builder(
                        Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1))
                .build();
        try {
            HttpClientBuiltAside aside = new HttpClientBuiltAside(
                    builder(() -> {
                        builtOn.complete(Thread.currentThread().getName());
                        return apache;
                    }),
                    AwsHttpClients.CLIENT_NAME);

            assertEquals("http-client-build", builtOn.get(10, TimeUnit.SECONDS));
            assertSame(apache, aside.await());
        } finally {
            apache.close();
        }
    }

    @Test
    void aFailedBuild_isThrownByAwait_andByTheFirstRequest() {
        IllegalStateException broken = new IllegalStateException("no trust store");
        HttpClientBuiltAside aside = new HttpClientBuiltAside(
                builder(() -> {
                    throw broken;
                }),
                AwsHttpClients.CLIENT_NAME);

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
        SdkHttpClient apache = AwsHttpClients.builder(
                        Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1))
                .build();
        try {
            HttpClientBuiltAside aside = new HttpClientBuiltAside(
                    builder(() -> {
                        awaitQuietly(release);
                        return apache;
                    }),
                    AwsHttpClients.CLIENT_NAME);

            // The SDK client asks while it is built; the answer must not wait for the HTTP client's build.
            assertEquals(apache.clientName(), aside.clientName());
            release.countDown();
            assertSame(apache, aside.await());
        } finally {
            release.countDown();
            apache.close();
        }
    }

    @Test
    void awaitingAClientBuiltInPlace_returnsAtOnce() {
        SdkHttpClient apache = AwsHttpClients.builder(
                        Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1))
                .build();
        try {
            AwsHttpClients.await(apache);
        } finally {
            apache.close();
        }
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

    private static SdkHttpClient.Builder<?> builder(Build build) {
        return new BuilderOf(build);
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
