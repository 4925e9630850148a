package dev.shopfront.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shopfront.devkit.RepoRoot;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database killed or frozen under traffic, through the local API over HTTP: every answer is a
 * success that holds or a 500 problem within the SDK's time budget, and the local API recovers.
 */
class DatabaseFaultTest {
    /** DynamoDbClients' call timeout (5 s), plus the way through the local API on this shared 2-core machine. */
    private static final long BUDGET_MILLIS = 8_000;

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private record Answer(String email, int status, String contentType, long millis, long sentAt) {}

    @Test
    void killedDatabase_answers500ProblemsWithinTheBudget_isRestarted_andKeepsEveryAcknowledgedWrite(
            @TempDir Path folder) throws Exception {
        try (LocalApi api = LocalApi.start(new LocalOptions(
                0, 0, 0, null, folder.resolve("dynamodb"), RepoRoot.find().resolve("template.yaml")))) {
            assertEquals(201, createUser(api, email()).status(), "warm");
            long killedPid = api.dynalite().processHandle().pid();

            List<Answer> answers = underTraffic(api, () -> {
                // when: the database dies as a crash would end it
                api.dynalite().processHandle().destroyForcibly();
                awaitRestart(api, killedPid);
            });

            assertTrue(api.dynalite().processHandle().isAlive(), "restarted");
            assertFalse(api.failure().isDone(), "the local API goes on");
            assertAnswersAreSuccessesOrTimelyProblems(answers);
            assertAcknowledgedWritesAreReadable(api, answers);
        }
    }

    @Test
    void pausedDatabase_answers500ProblemsWithinTheBudget_thenRecovers(@TempDir Path folder) throws Exception {
        try (LocalApi api = LocalApi.start(new LocalOptions(
                0, 0, 0, null, folder.resolve("dynamodb"), RepoRoot.find().resolve("template.yaml")))) {
            assertEquals(201, createUser(api, email()).status(), "warm");
            long pid = api.dynalite().processHandle().pid();

            List<Answer> answers = underTraffic(api, () -> {
                // when: the database freezes for longer than a call may take
                signal("STOP", pid);
                try {
                    Thread.sleep(7_000);
                } finally {
                    signal("CONT", pid);
                }
            });

            assertEquals(pid, api.dynalite().processHandle().pid(), "a paused server is not restarted");
            assertTrue(
                    answers.stream().anyMatch(answer -> answer.status() == 500),
                    "calls during the pause failed: " + answers);
            assertAnswersAreSuccessesOrTimelyProblems(answers);
            assertAcknowledgedWritesAreReadable(api, answers);
        }
    }

    @Test
    void killedInMemoryDatabase_isRestartedWithItsTablesCreatedAgain() throws Exception {
        try (LocalApi api = LocalApi.start(
                new LocalOptions(0, 0, 0, null, null, RepoRoot.find().resolve("template.yaml")))) {
            String before = email();
            assertEquals(201, createUser(api, before).status());
            long killedPid = api.dynalite().processHandle().pid();

            api.dynalite().processHandle().destroyForcibly();
            awaitRestart(api, killedPid);

            // the data is gone (said in the log), the tables are there again
            assertEquals(401, signIn(api, before).statusCode());
            String after = email();
            assertEquals(201, createUser(api, after).status());
            assertEquals(200, signIn(api, after).statusCode());
        }
    }

    /** Two clients create users until {@code fault} has run and five more requests have succeeded. */
    private static List<Answer> underTraffic(LocalApi api, ThrowingRunnable fault) throws Exception {
        List<Answer> answers = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean faultOver = new AtomicBoolean();
        List<Thread> clients = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        for (int i = 0; i < 2; i++) {
            clients.add(Thread.ofPlatform().start(() -> {
                int successesAfter = 0;
                while (successesAfter < 5 && System.nanoTime() < deadline) {
                    try {
                        Answer answer = createUser(api, email());
                        answers.add(answer);
                        if (faultOver.get() && answer.status() == 201) {
                            successesAfter++;
                        }
                    } catch (Exception e) {
                        answers.add(new Answer(null, -1, String.valueOf(e), 0, System.nanoTime()));
                        return;
                    }
                }
            }));
        }
        Thread.sleep(300);
        try {
            fault.run();
        } finally {
            faultOver.set(true);
        }
        for (Thread client : clients) {
            client.join();
        }
        assertTrue(System.nanoTime() < deadline, "traffic recovered within a minute: " + answers);
        return answers;
    }

    private static void assertAnswersAreSuccessesOrTimelyProblems(List<Answer> answers) {
        for (Answer answer : answers) {
            if (answer.status() == 201) {
                continue;
            }
            assertEquals(500, answer.status(), "never a 404 or another status: " + answer);
            assertEquals("application/problem+json", answer.contentType(), answer.toString());
            assertTrue(answer.millis() < BUDGET_MILLIS, "answered within the budget: " + answer);
        }
    }

    private static void assertAcknowledgedWritesAreReadable(LocalApi api, List<Answer> answers) throws Exception {
        List<Answer> created =
                answers.stream().filter(answer -> answer.status() == 201).toList();
        assertFalse(created.isEmpty());
        for (Answer answer : created) {
            assertEquals(200, signIn(api, answer.email()).statusCode(), "acknowledged write kept: " + answer.email());
        }
    }

    private static Answer createUser(LocalApi api, String email) throws Exception {
        long sent = System.nanoTime();
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(api.url().resolve("/users"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"email\":\"" + email + "\",\"password\":\"correct horse\",\"name\":\"Fault\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        long millis = (System.nanoTime() - sent) / 1_000_000;
        return new Answer(
                email,
                response.statusCode(),
                response.headers().firstValue("content-type").orElse(""),
                millis,
                sent);
    }

    private static HttpResponse<String> signIn(LocalApi api, String email) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(api.url().resolve("/auth/token"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"email\":\"" + email + "\",\"password\":\"correct horse\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void awaitRestart(LocalApi api, long killedPid) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (api.dynalite().processHandle().pid() != killedPid
                    && api.dynalite().processHandle().isAlive()) {
                return;
            }
            Thread.sleep(50);
        }
        assertNotEquals(killedPid, api.dynalite().processHandle().pid(), "dynalite restarted within 30 s");
    }

    private static void signal(String signal, long pid) throws Exception {
        assertEquals(
                0,
                new ProcessBuilder("kill", "-" + signal, Long.toString(pid))
                        .inheritIO()
                        .start()
                        .waitFor());
    }

    private static String email() {
        return "fault-" + UUID.randomUUID() + "@example.com";
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }
}
