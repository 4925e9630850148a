package dev.shopfront.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The SDK clients' timeout timer: tasks run when due, cancelled ones never, and the SDK's budget still holds. */
class TimeoutSchedulerTest {
    private final TimeoutScheduler timer = new TimeoutScheduler("timeout-scheduler-test");

    @Test
    void aTaskRunsOnTheTimersThread_noSoonerThanItsDelay() throws Exception {
        CountDownLatch ran = new CountDownLatch(1);
        List<String> threads = new CopyOnWriteArrayList<>();
        long start = System.nanoTime();

        timer.schedule(
                () -> {
                    threads.add(Thread.currentThread().getName());
                    ran.countDown();
                },
                150,
                TimeUnit.MILLISECONDS);

        assertTrue(ran.await(5, TimeUnit.SECONDS));
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(150));
        assertEquals(List.of("timeout-scheduler-test"), threads);
    }

    @Test
    void aTaskDueBeforeTheThreadsNextLook_wakesIt() throws Exception {
        // The thread sleeps up to a second with nothing due; a 50 ms task must not wait for that.
        timer.schedule(() -> {}, 30, TimeUnit.SECONDS);
        CountDownLatch ran = new CountDownLatch(1);
        long start = System.nanoTime();

        timer.schedule(ran::countDown, 50, TimeUnit.MILLISECONDS);

        assertTrue(ran.await(5, TimeUnit.SECONDS));
        assertTrue(System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(500), "woken late");
    }

    @Test
    void tasksRunInTheOrderOfTheirDeadlines() throws Exception {
        List<Integer> order = new CopyOnWriteArrayList<>();
        CountDownLatch all = new CountDownLatch(3);
        for (int delay : new int[] {300, 100, 200}) {
            timer.schedule(
                    () -> {
                        order.add(delay);
                        all.countDown();
                    },
                    delay,
                    TimeUnit.MILLISECONDS);
        }

        assertTrue(all.await(5, TimeUnit.SECONDS));
        assertEquals(List.of(100, 200, 300), order);
    }

    @Test
    void cancelledTasksNeverRun_andLeaveTheQueueWhenTheThreadNextLooks() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        List<ScheduledFuture<?>> futures = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            futures.add(timer.schedule(runs::incrementAndGet, 200 + i % 100, TimeUnit.MILLISECONDS));
        }
        futures.forEach(future -> assertTrue(future.cancel(false)));
        CountDownLatch later = new CountDownLatch(1);
        timer.schedule(later::countDown, 400, TimeUnit.MILLISECONDS);

        assertTrue(later.await(5, TimeUnit.SECONDS));
        assertEquals(0, runs.get());
        assertEquals(0, timer.queued());
        futures.forEach(future -> assertTrue(future.isCancelled()));
    }

    @Test
    void aTaskThatThrows_failsItsFuture_andTheTimerGoesOn() throws Exception {
        IllegalStateException broken = new IllegalStateException("task failed");
        ScheduledFuture<Object> failing = timer.schedule(
                () -> {
                    throw broken;
                },
                10,
                TimeUnit.MILLISECONDS);
        CountDownLatch next = new CountDownLatch(1);
        timer.schedule(next::countDown, 50, TimeUnit.MILLISECONDS);

        assertTrue(next.await(5, TimeUnit.SECONDS));
        Exception thrown = assertThrows(Exception.class, () -> failing.get(5, TimeUnit.SECONDS));
        assertEquals(broken, thrown.getCause());
    }

    @Test
    void periodicTasksAndShutdown_areRefused() {
        assertThrows(
                UnsupportedOperationException.class, () -> timer.scheduleAtFixedRate(() -> {}, 1, 1, TimeUnit.SECONDS));
        assertThrows(
                UnsupportedOperationException.class,
                () -> timer.scheduleWithFixedDelay(() -> {}, 1, 1, TimeUnit.SECONDS));
        assertThrows(UnsupportedOperationException.class, timer::shutdown);
        assertFalse(timer.isShutdown());
    }

    @Test
    void anSdkCallToAServerThatNeverAnswers_endsWithinItsBudget_andClosingTheClientLeavesTheTimer() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> accepted = new CopyOnWriteArrayList<>();
            Thread.ofPlatform().daemon().start(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept()); // read nothing, answer nothing
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            DynamoDbClient client = DynamoDbClient.builder()
                    .region(Region.US_EAST_1)
                    .endpointOverride(URI.create("http://127.0.0.1:" + silent.getLocalPort()))
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("t", "t")))
                    // The socket's own timeout far above the budget, so only the timer can end the call.
                    .httpClient(
                            AwsHttpClients.builder(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(30))
                                    .build())
                    .overrideConfiguration(o -> o.apiCallAttemptTimeout(Duration.ofMillis(200))
                            .apiCallTimeout(Duration.ofMillis(700))
                            .retryStrategy(RetryMode.STANDARD)
                            .scheduledExecutorService(timer))
                    .build();
            long start = System.nanoTime();

            RuntimeException failure = assertThrows(
                    RuntimeException.class,
                    () -> client.getItem(r -> r.tableName("products").key(Map.of("id", AttributeValue.fromS("x")))));
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            client.close();

            assertTrue(
                    failure instanceof ApiCallTimeoutException || failure instanceof ApiCallAttemptTimeoutException,
                    failure.toString());
            // Well under the socket's 30 s, with room for a cold JVM's first SDK call on a busy machine.
            assertTrue(millis >= 200 && millis < 5_000, "ended after " + millis + " ms");
            assertFalse(accepted.isEmpty());
            CountDownLatch afterClose = new CountDownLatch(1);
            timer.schedule(afterClose::countDown, 10, TimeUnit.MILLISECONDS);
            assertTrue(afterClose.await(5, TimeUnit.SECONDS));
            for (Socket socket : accepted) {
                socket.close();
            }
        }
    }
}
